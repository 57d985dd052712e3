/** config/ledger.yaml: its schema lives with the other settings files in model/config.ts. */
export { DEFAULT_LEDGER_CONFIG, LedgerConfig } from '../config.js';

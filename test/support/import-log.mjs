// `node --import ./test/support/import-log.mjs …`: every module URL the program resolves
// is appended to the file named by $JIANBAO_IMPORT_LOG (for the tests of what a build loads).
import { register } from 'node:module';

register('./import-log-hooks.mjs', import.meta.url);

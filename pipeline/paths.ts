/** Where the project's own files are, whether running from pipeline/ (tsx, vitest) or dist/. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

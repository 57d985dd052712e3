/**
 * Worker side of LoadSandbox (support.ts): loads untrusted bytes as a meeting or district
 * file exactly as pipeline/load/project.ts does, and answers with the outcome. Anything
 * that is not a JianbaoError is a crash and is reported with its stack.
 */
import { join } from 'node:path';
import { JianbaoError } from '../../pipeline/errors.js';
import { checkMeetingSource, loadDistrictFile } from '../../pipeline/load/project.js';
import { decodeText, parseYaml } from '../../pipeline/load/yaml.js';
import { District } from '../../pipeline/model/schema.js';
import { validate } from '../../pipeline/model/validate.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';
import { serve } from '../support/sandbox-worker.js';
import { FUZZ_DISTRICT_FILE, FUZZ_FILE } from './support.js';

const districtPath = join(PROJECT_ROOT, 'test', 'fixtures', 'valid-minimal', 'data', 'demo', 'district.yaml');
const { district } = loadDistrictFile(FUZZ_DISTRICT_FILE, districtPath, 'demo');

serve(
  (m: { kind: 'meeting' | 'district'; bytes: Uint8Array }) => {
    if (m.kind === 'meeting') {
      const source = parseYaml(FUZZ_FILE, decodeText(FUZZ_FILE, m.bytes));
      checkMeetingSource(source, district);
    } else {
      validate(parseYaml(FUZZ_DISTRICT_FILE, decodeText(FUZZ_DISTRICT_FILE, m.bytes)), District);
    }
    return { outcome: 'ok' };
  },
  (err) => (err instanceof JianbaoError ? { outcome: 'problems', errorKind: err.kind, problems: err.problems } : undefined),
);

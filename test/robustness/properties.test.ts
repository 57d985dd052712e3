/**
 * Property-based robustness (fast-check), a bounded run: JIANBAO_FUZZ_RUNS cases per
 * property (default 100). `make fuzz` runs the same properties much longer
 * (scripts/fuzz.ts). A failure prints the seed and path to replay it:
 *   JIANBAO_FUZZ_SEED=<seed> npx vitest run test/robustness/properties.test.ts
 */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { assertParams, fuzzConfig, hostileInputs, hostileParams, hostileProperty, runsFor, VALID_SHARE, validDataProperty } from './properties.js';
import { LoadSandbox } from './support.js';

const cfg = fuzzConfig();
const sandbox = new LoadSandbox();
afterAll(() => sandbox.close());

describe('any bytes as a data file: loads, or a located data error — never a crash or a hang', () => {
  for (const input of hostileInputs()) {
    it(`${input.name} (${runsFor(cfg, input.share)} cases${input.examples ? ` and ${input.examples.length} fixed` : ''})`, async () => {
      await fc.assert(hostileProperty(sandbox, input, cfg), hostileParams(cfg, input));
    });
  }
});

describe('any valid meeting', () => {
  it(`loads back to the same data, derives and renders ${cfg.formats.join(', ')} (${runsFor(cfg, VALID_SHARE)} cases)`, async () => {
    await fc.assert(validDataProperty(cfg), assertParams(cfg, runsFor(cfg, VALID_SHARE)));
  });
});

/**
 * The middle of the pipeline against golden fixtures (test/fixtures/golden/): the view
 * derive makes, the text the templates make of it, and the Doc parsed from that text.
 * A difference is either a regression or an intended change: then run `make golden`,
 * review the diff of test/fixtures/golden/ and commit it with the change.
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenOutputs, readGolden } from '../support/golden.js';

describe.each(GOLDEN_CASES)('golden: $name', (c) => {
  const outputs = goldenOutputs(c);
  it.each([...outputs.keys()])('%s is as recorded (make golden rewrites it)', (file) => {
    const recorded = readGolden(c.name, file);
    expect(recorded, `test/fixtures/golden/${c.name}/${file} is missing: run make golden`).toBeDefined();
    expect(outputs.get(file)).toBe(recorded);
  });
});

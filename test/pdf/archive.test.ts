/** The PDF/A-2b archive variant (`--format archive`): built on request only, deterministic. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../pipeline/build/index.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const KEY = 'guancheng/2017-08-15-study-session';

async function archiveOf(): Promise<{ pdf: Buffer; built: string[]; files: string[] }> {
  const out = mkdtempSync(join(tmpdir(), 'jianbao-pdfa-'));
  const r = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: out, only: [KEY], formats: ['archive'], jobs: 1, check: false });
  expect(r.failures).toEqual([]);
  return { pdf: readFileSync(join(out, KEY, 'briefing-pdfa.pdf')), built: r.built, files: r.artifacts.map((a) => a.path) };
}

describe('PDF/A-2b archive copy', () => {
  it('declares PDF/A-2b with XMP metadata, an sRGB output intent and a structure tree', async () => {
    const { pdf, files } = await archiveOf();
    expect(files).toHaveLength(1);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toMatch(/\/Type \/OutputIntent/);
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/Lang \(zh-CN\)/);
    // every font embedded (PDF/A forbids the standard 14 without embedding)
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times-Roman|Courier)\b/);
    expect(raw).toMatch(/\/FontFile2/);
    // dates come from the data: the XMP carries the briefing date (2017-08-16, Beijing midnight), not today
    expect(raw).toContain('<xmp:CreateDate>2017-08-15T16:00:00Z</xmp:CreateDate>');
  });

  it('is byte-identical when built again', async () => {
    const a = await archiveOf();
    const b = await archiveOf();
    expect(b.pdf.equals(a.pdf)).toBe(true);
  });

  it('is not part of a default build', async () => {
    const out = mkdtempSync(join(tmpdir(), 'jianbao-pdfa-default-'));
    const r = await build({ dataDir: join(PROJECT_ROOT, 'data'), outDir: out, only: [KEY], formats: [], jobs: 1, check: false });
    expect(r.artifacts.map((a) => a.path).some((p) => p.endsWith('briefing-pdfa.pdf'))).toBe(false);
  });
});

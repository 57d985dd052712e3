import { describe, expect, it } from 'vitest';
import { crc32, listZip, readEntry, repack, writeZip, checkZip, ZipError } from '../../pipeline/core/zip.js';
import { canonical, normaliseFormula } from '../../pipeline/render/xlsx/fingerprint.js';

describe('zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes zips it (and its checks) can read back, deterministically', () => {
    const files = [
      { name: 'a.xml', data: Buffer.from('<a>管城区</a>') },
      { name: 'dir/b.bin', data: Buffer.alloc(1000, 7) },
    ];
    const t = new Date(Date.UTC(2023, 2, 31, 12, 30, 10));
    const z = writeZip(files, t);
    expect(writeZip(files, t).equals(z)).toBe(true);
    const entries = checkZip(z, 1e6);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['a.xml', Buffer.byteLength('<a>管城区</a>')],
      ['dir/b.bin', 1000],
    ]);
    expect(readEntry(z, entries[0]!).toString('utf8')).toBe('<a>管城区</a>');
    const patched = repack(z, t, (name, text) => (name === 'a.xml' ? text.replace('管城区', '中原区') : text));
    expect(readEntry(patched, listZip(patched)[0]!).toString('utf8')).toBe('<a>中原区</a>');
  });

  it('refuses archives that are not zips or are too large', () => {
    expect(() => listZip(Buffer.from('PK nope'))).toThrow(ZipError);
    const big = writeZip([{ name: 'x', data: Buffer.alloc(2_000_000) }], new Date(Date.UTC(2023, 0, 1)));
    expect(() => checkZip(big, 1_000_000)).toThrow(/解压后共 2000000 字节/);
  });
});

describe('fingerprints', () => {
  it('makes formulas independent of their own row, but not of other cells', () => {
    expect(normaliseFormula('=IF(J5="","",J5/D5)', 5)).toBe('IF(J#="","",J#/D#)');
    expect(normaliseFormula('IF(J7="","",J7/D7)', 7)).toBe(normaliseFormula('IF(J5="","",J5/D5)', 5));
    expect(normaliseFormula('MIN(1,$K$2-I5)', 5)).toBe('MIN(1,$K$2-I#)');
    expect(normaliseFormula('J4/D5', 5)).toBe('J4/D#');
    expect(normaliseFormula('IF(A1="a5 b",LOG10(5),1)', 5)).toBe('IF(A1="a5 b",LOG10(5),1)');
  });

  it('canonicalises values as written and as read back', () => {
    expect(canonical(new Date(Date.UTC(2023, 5, 30)), 'date', 4)).toBe(canonical(45107, 'date', 4));
    expect(canonical(0.1 + 0.2, 'number', 4)).toBe(canonical(0.3, 'number', 4));
    expect(canonical('a\r\nb', 'text', 4)).toBe(canonical('a\nb', 'text', 4));
    expect(canonical(null, 'text', 4)).toBe(canonical('', 'text', 4));
    expect(canonical({ formula: 'J4/D4', result: 1 }, 'formula', 4)).toBe(canonical({ formula: 'J9/D9', result: 2 }, 'formula', 9));
  });
});

describe('writeZip dates', () => {
  it('clamps a time outside the DOS range (1980–2099) instead of failing', () => {
    for (const [when, year] of [[new Date(Date.UTC(1970, 0, 1)), 1980], [new Date(Date.UTC(2150, 5, 1)), 2099]] as const) {
      const z = writeZip([{ name: 'a.txt', data: new Uint8Array([1]) }], when);
      const e = listZip(z)[0]!;
      expect(readEntry(z, e)).toEqual(Buffer.from([1]));
      expect((z.readUInt16LE(e.offset + 12) >> 9) + 1980).toBe(year);
    }
  });
});

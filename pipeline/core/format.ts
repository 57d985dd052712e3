/**
 * Numbers, dates and numbering as a Chinese office writes them. Pure functions used by
 * the derive stage, the Handlebars helpers and the workbook writer alike.
 */
import type { Bound } from '../model/schema.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 100 → 一百 (for headings and 期号 in words). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const u = units[s.length - 1 - i]!;
    if (d === 0) zero = true;
    else {
      if (zero && out) out += '零';
      out += DIGITS[d]! + u;
      zero = false;
    }
  }
  return out;
}

/** Heading numbers by level: 一、 （一） 1. （1） */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${cnNumber(n)}、`;
    case 2:
      return `（${cnNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** A number as written in a report: no thousands separators, no trailing zeros, at most 2 decimals. */
export function num(v: number, maxDecimals = 2): string {
  if (!Number.isFinite(v)) return '—';
  const f = Number(v.toFixed(maxDecimals));
  return String(Object.is(f, -0) ? 0 : f);
}

/** 674 + 亿元 → 674亿元; 7 + % → 7%. */
export function qty(v: number | undefined, unit?: string): string {
  if (v === undefined) return '';
  return `${num(v)}${unit ?? ''}`;
}

/**
 * Money normalised to the unit an office would use: 12345万元 → 1.23亿元,
 * 0.5亿元 → 5000万元. Other units pass through.
 */
export function money(v: number, unit: string): string {
  if (unit === '万元' && Math.abs(v) >= 10000) return `${num(v / 10000)}亿元`;
  if (unit === '亿元' && Math.abs(v) < 1 && v !== 0) return `${num(v * 10000)}万元`;
  if (unit === '元' && Math.abs(v) >= 1e8) return `${num(v / 1e8)}亿元`;
  if (unit === '元' && Math.abs(v) >= 1e4) return `${num(v / 1e4)}万元`;
  return `${num(v)}${unit}`;
}

/** 2022-12-28 → 2022年12月28日 (no zero padding, GB/T 9704 §7.3.5.4). */
export function cnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 2022-12 → 2022年12月 */
export function cnMonth(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : iso;
}

const LOWER_BOUNDS = new Set<Bound>(['以上', '不少于', '不低于', '超过']);
const UPPER_BOUNDS = new Set<Bound>(['以内', '不超过', '以下']);

/** Which way a bound points: at least, at most, about, or exactly/reach. */
export function boundSense(b: Bound | undefined): 'min' | 'max' | 'about' | 'reach' {
  if (!b) return 'reach';
  if (LOWER_BOUNDS.has(b)) return 'min';
  if (UPPER_BOUNDS.has(b)) return 'max';
  if (b === '左右') return 'about';
  return 'reach';
}

/** Put a bound word where Chinese puts it: 不少于30个, 30个以上, 15%左右, 达到98%. */
export function withBound(valueText: string, bound: Bound | undefined): string {
  if (!bound) return valueText;
  if (bound === '不少于' || bound === '不低于' || bound === '超过' || bound === '不超过' || bound === '达到') return `${bound}${valueText}`;
  return `${valueText}${bound}`;
}

export interface TargetLike {
  measure: 'growth' | 'level' | 'ratio';
  value?: number;
  unit?: string;
  bound?: Bound;
  strive?: boolean;
  annual?: boolean;
  text?: string;
}

/** 增长7% / 年均增长8%以上 / 力争增长15%左右 / 达到3.1% / 超过1000亿元 */
export function targetText(t: TargetLike): string {
  // the seed's own wording (力争突破2000亿元, 迈向百亿级) is never rewritten
  if (t.text) return t.text;
  if (t.value === undefined) return '';
  const v = qty(t.value, t.unit ?? (t.measure === 'level' ? '' : '%'));
  let body: string;
  if (t.measure === 'growth') body = `${t.annual ? '年均' : ''}增长${withBound(v, t.bound)}`;
  else if (!t.bound || t.bound === '达到') body = `达到${v}`;
  else body = withBound(v, t.bound);
  return `${t.strive ? '力争' : ''}${body}`;
}

/** Ratio of two figures as an office says it: 674 vs 329 → 2.05倍; change in %. */
export function growthPercent(from: number, to: number): number | undefined {
  if (from === 0) return undefined;
  return ((to - from) / Math.abs(from)) * 100;
}

export function times(from: number, to: number): string | undefined {
  if (from === 0) return undefined;
  return `${num(to / from, 2)}倍`;
}

/** 第12期 */
export function issueLabel(n: number): string {
  return `第${n}期`;
}

/** Join names with the Chinese enumeration comma: 甲、乙、丙 */
export function cnList(items: string[]): string {
  return items.join('、');
}

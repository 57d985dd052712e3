/**
 * Table column widths, the rule the PDF and the docx briefing share: every column gets its
 * minimum; short columns (`isShort`, e.g. dates and unit names) then get their full
 * natural width, cheapest first, so they stay on one line; the long-text columns share the
 * rest in proportion to what they still lack. Spare room is spread in proportion. `round`
 * is applied to every width (the PDF floors to 0.01 pt).
 */
export function columnWidths(nat: number[], min: number[], avail: number, isShort: (column: number) => boolean = () => true, round: (n: number) => number = (n) => n): number[] {
  const sm = sum(min);
  if (sm >= avail) return min.map((w) => round((w * avail) / sm));
  const widths = [...min];
  let remaining = avail - sm;
  const cheap = nat.map((_w, k) => k).filter(isShort);
  cheap.sort((a, b) => nat[a]! - min[a]! - (nat[b]! - min[b]!) || a - b);
  for (const k of cheap) {
    const give = Math.min(Math.max(0, nat[k]! - widths[k]!), remaining);
    widths[k] = widths[k]! + give;
    remaining -= give;
  }
  const lack = widths.map((w, k) => Math.max(0, nat[k]! - w));
  const totalLack = sum(lack);
  if (totalLack > 0 && remaining > 0) {
    const share = Math.min(1, remaining / totalLack);
    lack.forEach((l, k) => (widths[k] = widths[k]! + l * share));
    remaining -= totalLack * share;
  }
  if (remaining > 0.01) {
    const total = sum(widths);
    return widths.map((w) => round(w + (remaining * w) / total));
  }
  return widths.map(round);
}

function sum(a: number[]): number {
  return a.reduce((x, y) => x + y, 0);
}

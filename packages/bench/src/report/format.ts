/** A duration given in microseconds, in the unit that reads best ("12.3 µs", "1.24 ms", "2.10 s"). */
export function formatUs(microseconds: number): string {
  if (!Number.isFinite(microseconds)) return 'n/a';
  const magnitude = Math.abs(microseconds);
  if (magnitude < 1000) return `${microseconds.toFixed(magnitude < 10 ? 2 : 1)} µs`;
  if (magnitude < 1_000_000)
    return `${(microseconds / 1000).toFixed(magnitude < 10_000 ? 2 : 1)} ms`;
  return `${(microseconds / 1_000_000).toFixed(2)} s`;
}

/** A duration given in milliseconds. */
export function formatMs(milliseconds: number): string {
  return formatUs(milliseconds * 1000);
}

/** A signed duration in microseconds ("+0.31 ms", "-4.2 µs"). */
export function formatSignedUs(microseconds: number): string {
  const text = formatUs(microseconds);
  return microseconds >= 0 && Number.isFinite(microseconds) ? `+${text}` : text;
}

/** `ours / theirs` as "0.42×", or "n/a". */
export function formatRatio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return 'n/a';
  const ratio = ours / theirs;
  return `${ratio < 0.01 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`;
}

/** A share as a percentage ("87.5%"). */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : 'n/a';
}

/** A count with thousands separators. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** US dollars, with enough decimals for fractions of a cent. */
export function formatUsd(value: number): string {
  return Number.isFinite(value) ? `$${value.toFixed(value < 1 ? 4 : 2)}` : 'n/a';
}

/** Bytes as "612 B", "1.2 KiB", "3.4 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A Markdown table. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

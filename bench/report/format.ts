/** Number formats of BENCHMARKS.md. */

/** Formats milliseconds: two decimals under 1 ms, one under 100 ms, whole numbers above, such as `0.31 ms`, `4.2 ms`, `1,234 ms`. */
export function formatMs(ms: number): string {
  if (ms < 1) {
    return `${ms.toFixed(2)} ms`;
  }
  if (ms < 100) {
    return `${ms.toFixed(1)} ms`;
  }
  return `${Math.round(ms).toLocaleString('en-GB')} ms`;
}

/** Formats milliseconds as seconds with one decimal, such as `46.3 s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Formats bytes as MB of 2^20 bytes, such as `183 MB`. */
export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;
}

/** Formats bytes as KB of 1,024 bytes, such as `212 KB`. */
export function formatKilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024).toLocaleString('en-GB')} KB`;
}

/** Formats a count with thousands separators, such as `1,000,000`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-GB');
}

/** Formats a rate per second with one decimal, such as `21.6/s`. */
export function formatRate(perSecond: number): string {
  return `${perSecond.toFixed(1)}/s`;
}

/** Formats a ratio such as `0.17×` or `18×`. */
export function formatRatio(ratio: number): string {
  return ratio < 10 ? `${ratio.toFixed(2)}×` : `${Math.round(ratio)}×`;
}

/** Formats a share as a percentage, such as `17%`. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Renders a Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

// Small statistics and the ratio lines every bot-versus-echo section prints.

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export const summarize = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
};

export const median = (samples: readonly number[]): number => percentile([...samples].sort((a, b) => a - b), 50);

export const ms = (n: number, digits = 2): string => `${n.toFixed(digits)} ms`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** One comparison: the bot's figure, the echo bot's, their ratio and whether the issue's target holds. */
export interface RatioLine {
  readonly label: string;
  readonly bot: number;
  readonly echo: number;
  /** The largest ratio bot/echo allowed; null for a line that is reported only. */
  readonly target: number | null;
  readonly format: (n: number) => string;
}

export const ratioOf = (line: Pick<RatioLine, 'bot' | 'echo'>): number => line.bot / line.echo;

export const passes = (line: RatioLine): boolean => line.target === null || ratioOf(line) <= line.target;

export const formatRatioLine = (line: RatioLine, labelWidth = 34): string => {
  const ratio = ratioOf(line);
  const verdict = line.target === null ? '(reported)' : passes(line) ? 'PASS' : 'FAIL';
  const target = line.target === null ? '' : `≤ ${line.target}×`;
  return `  ${line.label.padEnd(labelWidth)} ${line.format(line.bot).padStart(11)} ${line.format(line.echo).padStart(11)} ${(Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—').padStart(7)} ${target.padStart(7)}  ${verdict}`;
};

export const ratioHeader = (labelWidth = 34): string =>
  `  ${''.padEnd(labelWidth)} ${'bot'.padStart(11)} ${'echo'.padStart(11)} ${'ratio'.padStart(7)} ${'target'.padStart(7)}`;

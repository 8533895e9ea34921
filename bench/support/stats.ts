/** Percentiles and averages of timing samples. */
export interface SampleSummary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * Returns the `p`th percentile (0-100) of the samples by the nearest-rank
 * method on a sorted copy: the smallest sample that at least `p` percent of
 * the samples do not exceed. Throws for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) {
    throw new Error(`Cannot take the ${p}th percentile of no samples: measure at least once.`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** Returns the median (50th percentile) of the samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Summarizes samples: count, minimum, p50, p95, maximum and mean. */
export function summarize(samples: readonly number[]): SampleSummary {
  return {
    count: samples.length,
    min: Math.min(...samples),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((sum, sample) => sum + sample, 0) / samples.length,
  };
}

/** A running sampler of this process's resident set size. */
export interface MemorySampler {
  /** Stops sampling and returns the largest resident set size seen, in bytes. */
  stop(): number;
}

/**
 * Samples `process.memoryUsage().rss` every `intervalMs` milliseconds
 * (default 50) and keeps the peak. A busy event loop samples less often, so
 * the peak is a lower bound. The final sample at `stop` is always included.
 */
export function startMemorySampler(intervalMs = 50): MemorySampler {
  let peak = process.memoryUsage().rss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

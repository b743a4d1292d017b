/**
 * For benchmarks: how long the server's thread was held (event-loop delay), so "no single task
 * over 50 ms" can be measured from outside. Monitoring starts on the first request, so a server
 * nobody measures pays nothing.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopDelay {
  /** The longest delay since the last reset: about the longest task, to the 10 ms resolution. */
  maxMs: number;
  p99Ms: number;
  samples: number;
}

let histogram: IntervalHistogram | undefined;

/** Starts monitoring (or, with `reset`, starts a new measurement) and answers what was measured so far. */
export function eventLoopDelay(reset: boolean): EventLoopDelay {
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
  }
  const answer = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, samples: histogram.count };
  if (reset) histogram.reset();
  return answer;
}

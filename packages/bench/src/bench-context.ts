import type { BenchConfig } from './bench-config.js';

/** What every row gets: the run's settings and shared resources. */
export interface BenchContext {
  /** Iteration counts and latency profiles. */
  config: BenchConfig;
  /** The loopback Redis, or `undefined` when redis-server is not installed. */
  redisUrl: string | undefined;
  /** A scratch directory for on-disk stores. */
  directory: string;
  /** Deletes every key in the Redis (between rows), when there is one. */
  flushRedis(): Promise<void>;
  /** Progress, for the person watching. */
  log(message: string): void;
}

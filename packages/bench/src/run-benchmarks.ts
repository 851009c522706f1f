import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRedisAvailable, type RedisServer, startRedisServer } from '@kagura-ts/testing';
import { createClient } from 'redis';
import { type BenchConfig, fullConfig, quickConfig } from './bench-config.js';
import type { BenchContext } from './bench-context.js';
import type { BenchResults } from './bench-results.js';
import { machineInfo } from './machine-info.js';
import { gitRevision, packageVersions } from './package-versions.js';
import { measureCacheHitLatency } from './rows/cache-hit-latency.js';
import { measureCoalescing } from './rows/coalescing.js';
import { measureExtraRows } from './rows/extra-rows.js';
import { measureImportTime } from './rows/import-time.js';
import { measureMissOverhead } from './rows/miss-overhead.js';
import { measureParallelSpeedup } from './rows/parallel-speedup.js';
import { measurePromptCaching } from './rows/prompt-caching.js';
import { measureScale } from './rows/scale.js';
import { measureStreaming } from './rows/streaming.js';
import { measureWorkload } from './rows/workload.js';
import type { SystemName } from './systems/bench-system.js';
import { systemCatalog } from './systems/system-catalog.js';
import { evaluateTargets } from './targets.js';
import { type RunBenchmarksOutput, writeOutputs } from './write-outputs.js';

/** Options of {@link runBenchmarks}. */
export interface RunBenchmarksOptions {
  /** The quick mode: tiny counts, every row and system, results in a temporary directory. */
  quick: boolean;
  /** Where `latest.json` goes. @default `packages/bench/results` (full), a temp dir (quick) */
  resultsDirectory?: string;
  /** Where `benchmarks.md` and `benchmarks.svg` go. @default `docs` (full), the results dir (quick) */
  docsDirectory?: string;
  /** Overrides of the mode's settings (for tests). */
  config?: Partial<BenchConfig>;
  /** Progress lines. @default console.error */
  log?: (message: string) => void;
}

/** The bench package's directory. */
export const packageDirectory = join(import.meta.dirname, '..');

/**
 * Runs every row against every system, evaluates the targets, and writes the JSON results, the
 * Markdown report and the SVG chart. Starts its own redis-server when one is installed.
 */
export async function runBenchmarks(options: RunBenchmarksOptions): Promise<RunBenchmarksOutput> {
  const started = Date.now();
  const config = { ...(options.quick ? quickConfig : fullConfig), ...options.config };
  const log = options.log ?? ((message: string) => console.error(`[bench] ${message}`));
  const scratch = mkdtempSync(join(tmpdir(), 'kagura-bench-'));
  const resultsDirectory =
    options.resultsDirectory ?? (options.quick ? scratch : join(packageDirectory, 'results'));
  const docsDirectory =
    options.docsDirectory ??
    (options.quick ? resultsDirectory : join(packageDirectory, '..', '..', 'docs'));
  const machine = machineInfo();
  let redis: RedisServer | undefined;
  let redisClient: ReturnType<typeof createClient> | undefined;
  try {
    if (isRedisAvailable()) {
      redis = await startRedisServer();
      redisClient = createClient({ url: redis.url });
      await redisClient.connect();
    } else {
      log('redis-server is not installed: the Redis rows are skipped');
    }
    const directory = join(scratch, 'stores');
    mkdirSync(directory, { recursive: true });
    const context: BenchContext = {
      config,
      redisUrl: redis?.url,
      directory,
      log,
      async flushRedis() {
        await redisClient?.flushAll();
      },
    };
    const rows = {
      cacheHit: await measureCacheHitLatency(context),
      missOverhead: await measureMissOverhead(context),
      coalescing: await measureCoalescing(context),
      parallel: await measureParallelSpeedup(context),
      streaming: await measureStreaming(context),
      workload: await measureWorkload(context),
      scale: await measureScale(context),
      importTime: await measureImportTime(context),
      promptCaching: await measurePromptCaching(config.promptCaching, log),
      extra: await measureExtraRows(context, config.quick),
    };
    const packages = [...new Set(Object.values(systemCatalog).flatMap((info) => info.packages))];
    const results: BenchResults = {
      schemaVersion: 1,
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      quick: config.quick,
      revision: gitRevision(),
      machine: { ...machine, loadAverageEnd: loadavg()[0] },
      versions: packageVersions(packages),
      labels: Object.fromEntries(
        Object.values(systemCatalog).map((info) => [info.name, info.label]),
      ) as Record<SystemName, string>,
      rows,
      targets: evaluateTargets(rows),
    };
    return writeOutputs(results, resultsDirectory, docsDirectory);
  } finally {
    await redisClient?.quit().catch(() => {});
    await redis?.stop();
    rmSync(join(scratch, 'stores'), { recursive: true, force: true });
  }
}

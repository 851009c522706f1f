import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRedisAvailable, type RedisServer, startRedisServer } from '@kagura-ts/testing';
import { createClient } from 'redis';
import { fullConfig, quickConfig } from './bench-config.js';
import type { BenchContext } from './bench-context.js';
import { extraRowTargets, renderExtraRows } from './report/extra-rows-section.js';
import { measureExtraRows } from './rows/extra-rows.js';

// Runs the extra rows of issue 15 alone and prints their Markdown section (and, with --json,
// the results and targets as JSON instead):
//   node --expose-gc --import tsx packages/bench/src/extra-rows-cli.ts [--quick] [--json]
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const log = (message: string) => console.error(`[bench] ${message}`);
const scratch = mkdtempSync(join(tmpdir(), 'kagura-bench-extra-'));
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
    config: quick ? quickConfig : fullConfig,
    redisUrl: redis?.url,
    directory,
    log,
    async flushRedis() {
      await redisClient?.flushAll();
    },
  };
  const result = await measureExtraRows(context, quick);
  const targets = extraRowTargets(result);
  if (json) {
    console.log(JSON.stringify({ result, targets }, null, 2));
  } else {
    const lines = targets.map(
      (target) =>
        `| ${target.label} | ${target.target} | ${target.value} | ${target.met === null ? 'n/a' : target.met ? 'met' : 'missed'} |`,
    );
    console.log(renderExtraRows(result));
    console.log(
      ['| measured | target | value | |', '| --- | --- | --- | --- |', ...lines].join('\n'),
    );
  }
} finally {
  await redisClient?.quit().catch(() => {});
  await redis?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

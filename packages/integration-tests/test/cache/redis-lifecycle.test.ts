import { execFile } from 'node:child_process';
import { join } from 'node:path';
import {
  findFreePort,
  type RedisServer,
  type Simulator,
  shouldSkipRedisTests,
  startRedisServer,
  startSimulator,
} from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// A liveness bound, far above what a run takes (mostly compiling the sources): a process still
// running then is taken to hang, waiting on the Redis connection. Not a claim about speed.
const exitWithinMs = 15_000;

interface Run {
  /** How the process ended: its exit code, or the signal that killed it at the bound. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs fixtures/cached-calls.ts from source in a fresh node, as a user's program. */
function runProgram(environment: Record<string, string>): Promise<Run> {
  const program = join(import.meta.dirname, 'fixtures', 'cached-calls.ts');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@kagura-ts/source', '--import', 'tsx', program],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, ...environment },
        timeout: exitWithinMs,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number; signal?: NodeJS.Signals }) | null;
        resolve({
          code: failed === null ? 0 : (failed.code ?? null),
          signal: failed?.signal ?? null,
          stdout,
          stderr,
        });
      },
    );
  });
}

function outputOf(run: Run): {
  calls: Array<{ text: string; status: string }>;
  unreachable: number;
} {
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

describe.skipIf(shouldSkipRedisTests())('a process with a Redis cache', () => {
  let simulator: Simulator;
  let redis: RedisServer;

  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await simulator?.close();
    await redis?.stop();
  });

  beforeEach(() => {
    simulator.reset();
    simulator.addRule({ match: 'lifecycle test', reply: 'That the process exits.' });
  });

  it(
    'should exit by itself once its call is done, without disconnect(), and find the answer next time',
    async () => {
      const environment = { REDIS_URL: redis.url, SIMULATOR_URL: simulator.openaiBaseURL };
      const first = await runProgram(environment);
      expect(first, first.stderr).toMatchObject({ code: 0, signal: null });
      expect(outputOf(first).calls).toEqual([{ text: 'That the process exits.', status: 'miss' }]);
      // The answer was stored before the process ended: the next process reads it.
      const second = await runProgram(environment);
      expect(second, second.stderr).toMatchObject({ code: 0, signal: null });
      expect(outputOf(second).calls).toEqual([{ text: 'That the process exits.', status: 'hit' }]);
      expect(simulator.requests).toHaveLength(1);
      expect(`${first.stderr}${second.stderr}`).not.toContain('kagura:');
    },
    3 * exitWithinMs,
  );

  it(
    'should warn once on stderr and by event when Redis cannot be reached, answer uncached, and exit',
    async () => {
      const port = await findFreePort();
      const run = await runProgram({
        REDIS_URL: `redis://app:s3cret@127.0.0.1:${port}`,
        SIMULATOR_URL: simulator.openaiBaseURL,
        CALLS: '3',
      });
      expect(run, run.stderr).toMatchObject({ code: 0, signal: null });
      const output = outputOf(run);
      expect(output.calls).toEqual(
        Array.from({ length: 3 }, () => ({ text: 'That the process exits.', status: 'miss' })),
      );
      expect(output.unreachable).toBe(1);
      expect(simulator.requests).toHaveLength(3);
      const warnings = run.stderr.split('\n').filter((line) => line.startsWith('kagura:'));
      expect(warnings).toEqual([
        `kagura: cannot reach Redis at redis://***@127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port}); calls go to the provider uncached until it can be reached (retrying in the background).`,
      ]);
      expect(run.stderr).not.toContain('s3cret');
    },
    2 * exitWithinMs,
  );
});

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { createClient } from 'redis';
import type { BenchContext } from '../bench-context.js';
import { runInterleaved } from '../interleave.js';
import { median } from '../stats.js';
import type { SystemName } from '../systems/bench-system.js';
import type {
  CoalescingWorkerCall,
  CoalescingWorkerData,
  CoalescingWorkerReport,
} from '../systems/extra-coalescing-worker.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { withSystems } from './with-systems.js';

/** One system's result when several processes ask the same prompt at once over one Redis. */
export interface CrossProcessCell {
  system: SystemName;
  /** Requests that reached the server per round, median over the rounds. */
  upstreamRequests: number;
  /**
   * Kagura: how long after the leader's answer had been written to Redis the followers were
   * answered, median over every follower of every round, in milliseconds; `undefined` for a
   * system that does not coalesce across processes (each process asks the model itself).
   */
  followerDelayMs: number | undefined;
  /** The same, the slowest follower of all rounds. */
  followerDelayMaxMs: number | undefined;
  /** Wall time from the common start to the last answer, median over the rounds, in ms. */
  wallMs: number;
  /** Calls that failed, over all rounds. */
  failures: number;
}

/** The cross-process coalescing row. */
export interface ExtraCrossProcessResult {
  /** `false` when redis-server is not installed here. */
  available: boolean;
  /** Worker threads per system, each its own client. */
  processes: number;
  rounds: number;
  /** The simulator's time to the first token, in ms (long enough for the followers to wait). */
  upstreamMs: number;
  cells: CrossProcessCell[];
  /**
   * The floor of a follower's wait, measured in the same rounds (`processes - 1` followers): the
   * leader's `SET` of the entry resolved, then its `PUBLISH`; each follower, subscribed on its own
   * node-redis connection, `GET`s the entry when the message arrives and `JSON.parse`s it. Median
   * and max over every follower of every round, in milliseconds.
   */
  floor?: { followerDelayMs: number; followerDelayMaxMs: number };
}

/**
 * The publish/subscribe floor of a follower's wake-up on the Redis at `redisUrl`, with
 * `followers` followers: one round per `round()` call, the delays collected in `delays`.
 */
async function createFollowerFloor(redisUrl: string, followers: number) {
  const leader = createClient({ url: redisUrl });
  const subscribers = Array.from({ length: followers }, () => createClient({ url: redisUrl }));
  const readers = Array.from({ length: followers }, () => createClient({ url: redisUrl }));
  await Promise.all([leader, ...subscribers, ...readers].map((client) => client.connect()));
  const channel = 'floor:cross-process';
  let arrived: ((endedAtMs: number) => void)[] = [];
  await Promise.all(
    subscribers.map((subscriber, index) =>
      subscriber.subscribe(channel, async (key) => {
        JSON.parse((await readers[index]!.get(key)) as string);
        arrived[index]?.(epochMs());
      }),
    ),
  );
  const delays: number[] = [];
  const entry = JSON.stringify({
    text: 'Lima is the capital of Peru.',
    inputTokens: 20,
    outputTokens: 8,
  });
  return {
    delays,
    async round(call: number, recording: boolean): Promise<number> {
      const started = epochMs();
      const ended = Array.from(
        { length: followers },
        (_, index) => new Promise<number>((resolve) => (arrived[index] = resolve)),
      );
      const key = `floor:cross-process:${call}`;
      await leader.set(key, entry);
      const writtenAtMs = epochMs();
      await leader.publish(channel, key);
      const endings = await Promise.all(ended);
      arrived = [];
      if (recording) for (const endedAtMs of endings) delays.push(endedAtMs - writtenAtMs);
      return Math.max(...endings) - started;
    },
    async close(): Promise<void> {
      await Promise.all([leader, ...subscribers, ...readers].map((client) => client.quit()));
    },
  };
}

const epochMs = () => performance.timeOrigin + performance.now();

/**
 * The cross-process row: for each caching system, `processes` worker threads, each with its own
 * client and the Redis store, ask one new prompt at the same instant, the systems taking rounds
 * in turns (`runInterleaved`). Counts
 * the requests that reached the simulator, and (Kagura, which leases the key across processes)
 * how long after the leader's write the followers got their answer. Measures whatever wake-up
 * the built package has (polling or publish/subscribe).
 */
export async function measureExtraCrossProcess(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraCrossProcessResult> {
  const settings = quick ? { processes: 2, rounds: 2 } : { processes: 4, rounds: 20 };
  const upstreamMs = 100;
  const base = { available: false, ...settings, upstreamMs, cells: [] };
  const redisUrl = context.redisUrl;
  if (redisUrl === undefined) return base;
  context.log('extra row: cross-process coalescing');
  await context.flushRedis();
  const simulator = {
    latency: { timeToFirstTokenMs: upstreamMs, tokensPerSecond: 100_000 },
    recordRequests: true,
  };
  let floorDelays: number[] = [];
  const cells = await withSystems(
    context,
    { simulator, systems: [], store: 'none' },
    async (_none, thread) => {
      const pools = cachingSystems.map((system) => {
        const data: CoalescingWorkerData = {
          system,
          openaiBaseURL: thread.openaiBaseURL,
          anthropicBaseURL: thread.anthropicBaseURL,
          redisUrl,
          directory: context.directory,
        };
        const workerUrl = new URL('../systems/extra-coalescing-worker.ts', import.meta.url);
        const workers = Array.from(
          { length: settings.processes },
          () => new Worker(workerUrl, { workerData: data }),
        );
        return { system, workers, requests: [] as number[], delays: [] as number[], failures: 0 };
      });
      const floor = await createFollowerFloor(redisUrl, settings.processes - 1);
      try {
        await Promise.all(
          pools.flatMap((pool) => pool.workers.map((worker) => once(worker, 'message'))),
        );
        let recording = false;
        // One round: every worker of one system asks one new prompt at the same instant.
        const round = async (pool: (typeof pools)[number], call: number) => {
          const message: CoalescingWorkerCall = {
            prompt: `cross-process ${pool.system} round ${call}: what is the capital of Peru?`,
            startAtMs: epochMs() + 20,
          };
          const before = await thread.requestCount();
          const reports = await Promise.all(
            pool.workers.map(async (worker) => {
              const answered = once(worker, 'message');
              worker.postMessage(message);
              return (await answered)[0] as CoalescingWorkerReport;
            }),
          );
          const wallMs = Math.max(...reports.map((report) => report.endedAtMs)) - message.startAtMs;
          if (!recording) return wallMs;
          pool.requests.push((await thread.requestCount()) - before);
          pool.failures += reports.filter((report) => report.error !== undefined).length;
          const written = reports.find((report) => report.writtenAtMs !== undefined);
          if (written?.writtenAtMs !== undefined && pool.system === 'kagura') {
            for (const report of reports) {
              if (report !== written) pool.delays.push(report.endedAtMs - written.writtenAtMs);
            }
          }
          return wallMs;
        };
        // A first round per system warms each worker's client and connections, unrecorded.
        for (const pool of pools) await round(pool, -1);
        await floor.round(-1, false);
        recording = true;
        const walls = await runInterleaved<(typeof pools)[number] | 'floor'>({
          contestants: [...pools, 'floor'],
          warmup: 0,
          iterations: settings.rounds,
          settleMs: 20,
          measure: (contestant, call) =>
            contestant === 'floor' ? floor.round(call, recording) : round(contestant, call),
        });
        await context.flushRedis();
        floorDelays = floor.delays;
        return pools.map(
          (pool): CrossProcessCell => ({
            system: pool.system,
            upstreamRequests: median(pool.requests),
            followerDelayMs: pool.delays.length > 0 ? median(pool.delays) : undefined,
            followerDelayMaxMs: pool.delays.length > 0 ? Math.max(...pool.delays) : undefined,
            wallMs: median(walls.get(pool) ?? []),
            failures: pool.failures,
          }),
        );
      } finally {
        await floor.close();
        for (const pool of pools) for (const worker of pool.workers) worker.postMessage('close');
        await Promise.all(
          pools.flatMap((pool) => pool.workers.map((worker) => worker.terminate())),
        );
      }
    },
  );
  return {
    ...base,
    available: true,
    cells,
    ...(floorDelays.length > 0 && {
      floor: { followerDelayMs: median(floorDelays), followerDelayMaxMs: Math.max(...floorDelays) },
    }),
  };
}

import { parentPort, workerData } from 'node:worker_threads';
import type { SystemName } from './bench-system.js';
import { createExtraKaguraClient } from './extra-kagura-client.js';

/** What the cross-process row's worker is started with. */
export interface CoalescingWorkerData {
  system: SystemName;
  openaiBaseURL: string;
  anthropicBaseURL: string;
  redisUrl: string;
  directory: string;
}

/** One call the worker is told to make, at an absolute time (`performance.timeOrigin` based). */
export interface CoalescingWorkerCall {
  prompt: string;
  startAtMs: number;
}

/** What the worker reports for one call; times are epoch milliseconds with sub-ms precision. */
export interface CoalescingWorkerReport {
  /** Kagura's cache status (`'miss'` for the leader), or `undefined` for a peer. */
  status: string | undefined;
  /** When the call resolved. */
  endedAtMs: number;
  /** Kagura's leader: when its pending cache write had been flushed to Redis. */
  writtenAtMs: number | undefined;
  /** A failure's message. */
  error?: string;
}

const data = workerData as CoalescingWorkerData;
const port = parentPort;
if (port === null) throw new Error('extra-coalescing-worker must run on a worker thread.');
const epochMs = () => performance.timeOrigin + performance.now();

// One process of the cross-process row: its own client (Kagura's, or a peer's as the bench sets
// it up) against the one shared Redis, calling when told to.
const kagura =
  data.system === 'kagura'
    ? createExtraKaguraClient({
        openaiBaseURL: data.openaiBaseURL,
        cache: { store: data.redisUrl as `redis://${string}`, ttl: 0 },
      })
    : undefined;
// The peers' libraries load only in their own workers (they take a while to import).
const catalog = kagura === undefined ? await import('./system-catalog.js') : undefined;
const peers = (await catalog?.createSystems([data.system], { ...data, store: 'redis' })) ?? [];

port.on('message', async (message: CoalescingWorkerCall | 'close') => {
  if (message === 'close') {
    await kagura?.cache?.disconnect();
    await catalog?.closeSystems(peers);
    port.close();
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, message.startAtMs - epochMs())));
  try {
    if (kagura !== undefined) {
      const response = await kagura.call(message.prompt);
      const endedAtMs = epochMs();
      let writtenAtMs: number | undefined;
      if (response.cache.status === 'miss') {
        await kagura.cache?.flush();
        writtenAtMs = epochMs();
      }
      port.postMessage({ status: response.cache.status, endedAtMs, writtenAtMs });
    } else {
      await peers[0]?.call({ prompt: message.prompt });
      port.postMessage({ status: undefined, endedAtMs: epochMs(), writtenAtMs: undefined });
    }
  } catch (error) {
    port.postMessage({
      status: undefined,
      endedAtMs: epochMs(),
      writtenAtMs: undefined,
      error: String(error),
    });
  }
});
port.postMessage('ready');

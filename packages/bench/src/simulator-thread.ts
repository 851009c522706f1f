import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SimulatorFault, SimulatorOptions } from '@kagura-ts/testing';
import type { SimulatedRequest } from './simulated-request.js';
import type { SimulatorCommand } from './simulator-worker.js';

/** A simulator running on a worker thread (see `startSimulatorThread`). */
export interface SimulatorThread {
  /** `baseURL` for OpenAI-format clients. */
  readonly openaiBaseURL: string;
  /** `baseURL` for Anthropic-format clients. */
  readonly anthropicBaseURL: string;
  /** Requests received so far (when it records requests). */
  requestCount(): Promise<number>;
  /** The requests received so far, summarised (when it records requests). */
  requests(): Promise<SimulatedRequest[]>;
  /** Arms a fault for the next matching request(s). */
  injectFault(fault: SimulatorFault): Promise<void>;
  /** Clears recorded requests, faults and prompt caches, and restores the latency. */
  reset(): Promise<void>;
  /** Stops the server and the thread. */
  close(): Promise<void>;
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Starts `startSimulator(options)` from `@kagura-ts/testing` on a worker thread: the systems reach
 * it over loopback HTTP like any server, and its work runs beside theirs rather than on their
 * event loop. The thread inherits node's flags (`--conditions`, `--import tsx`).
 */
export async function startSimulatorThread(options: SimulatorOptions): Promise<SimulatorThread> {
  const worker = new Worker(new URL('./simulator-worker.ts', import.meta.url), {
    workerData: options,
  });
  const [ready] = (await once(worker, 'message')) as [
    { openaiBaseURL: string; anthropicBaseURL: string },
  ];
  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  worker.on('message', (message: { id: number; value: unknown }) => {
    pending.get(message.id)?.(message.value);
    pending.delete(message.id);
  });
  const send = (command: Distribute<SimulatorCommand>): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ ...command, id });
    });
  };
  let closed: Promise<void> | undefined;
  return {
    openaiBaseURL: ready.openaiBaseURL,
    anthropicBaseURL: ready.anthropicBaseURL,
    requestCount: async () => (await send({ method: 'requestCount' })) as number,
    requests: async () => (await send({ method: 'requests' })) as SimulatedRequest[],
    injectFault: async (fault) => {
      await send({ method: 'injectFault', fault });
    },
    reset: async () => {
      await send({ method: 'reset' });
    },
    close() {
      closed ??= (async () => {
        await send({ method: 'close' });
        await worker.terminate();
      })();
      return closed;
    },
  };
}

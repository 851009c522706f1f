/** Bounds how many tasks run at once. */
export interface Semaphore {
  /** Runs `task` once fewer than `limit` tasks are running. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A minimal counting semaphore (first come, first served): what a developer writes around
 * `Promise.all` when a library gives them no concurrency limit.
 */
export function createSemaphore(limit: number): Semaphore {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next !== undefined) {
      running += 1;
      next();
    }
  };
  return {
    async run(task) {
      if (running < limit) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * `Promise.allSettled` over `inputs` with a {@link createSemaphore} of `limit`: how a peer
 * without a concurrency limit of its own fans calls out.
 */
export function callAllLimited<I, R>(
  call: (input: I) => Promise<R>,
  inputs: readonly I[],
  limit: number,
): Promise<PromiseSettledResult<R>[]> {
  const semaphore = createSemaphore(limit);
  return Promise.allSettled(inputs.map((input) => semaphore.run(() => call(input))));
}

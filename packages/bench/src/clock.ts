/** Microseconds from an arbitrary origin, from the monotonic high-resolution clock. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/** Milliseconds from an arbitrary origin, from the monotonic high-resolution clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1_000_000;
}

/** Runs `task` and resolves how long it took in microseconds. */
export async function timeUs(task: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - started) / 1000;
}

/** Runs `task` and resolves how long it took in milliseconds. */
export async function timeMs(task: () => Promise<unknown>): Promise<number> {
  return (await timeUs(task)) / 1000;
}

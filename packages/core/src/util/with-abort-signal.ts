import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `fn` with `signal` as the ambient abort signal: every call, agent and stream started
 * inside it (however deep) is cancelled when the signal aborts, on top of its own signal. This
 * is how a decorated agent method, whose parameters are the prompt's, gets a signal; the
 * parallel helpers run each task inside its task signal.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const brief = withAbortSignal(controller.signal, () => assistant.research('caching'));
 * controller.abort(); // closes the request
 * ```
 */
export function withAbortSignal<T>(signal: AbortSignal, fn: () => T): T {
  const outer = storage.getStore();
  const ambient =
    outer === undefined || outer === signal ? signal : AbortSignal.any([outer, signal]);
  return storage.run(ambient, fn);
}

/** The ambient abort signal set by {@link withAbortSignal}, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return storage.getStore();
}

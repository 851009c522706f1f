/**
 * Wraps an async function so that concurrent and later calls share its one result, while a
 * failure is forgotten: the next call runs it again. For what is built once and may fail for a
 * reason that can pass (an SDK import, a client built from the environment).
 *
 * @example
 * ```ts
 * const getClient = shareUntilFailure(async () => new (await loadOpenAI()).default());
 * const [a, b] = await Promise.all([getClient(), getClient()]); // one client
 * ```
 */
export function shareUntilFailure<T>(run: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= run().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

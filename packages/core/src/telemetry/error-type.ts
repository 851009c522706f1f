import { AbortError, APICallError, TimeoutError } from '@kagura-ts/provider';

/**
 * A failure in one low-cardinality word, for `error.type` and event reasons: the HTTP status of
 * a provider error (`'429'`), `'timeout'`, `'abort'`, or the error's name.
 */
export function errorTypeOf(error: unknown): string {
  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    return String(error.statusCode);
  }
  if (TimeoutError.isInstance(error)) return 'timeout';
  if (AbortError.isInstance(error)) return 'abort';
  if (error instanceof Error && error.name !== '') return error.name;
  return '_OTHER';
}

/**
 * How long a server asked the client to wait before retrying, in milliseconds: the
 * `retry-after-ms` header, else `retry-after` as seconds or as an HTTP date.
 *
 * @param headers The response headers.
 * @param now The current time in milliseconds (injected so tests need no clock).
 * @returns The delay, or `undefined` when the server gave none (or gave garbage).
 *
 * @example
 * ```ts
 * parseRetryAfter(new Headers({ 'retry-after': '2' })); // 2000
 * ```
 */
export function parseRetryAfter(
  headers: Headers | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

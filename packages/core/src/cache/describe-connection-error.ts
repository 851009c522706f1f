/**
 * A connection error in a few words, for a one-line warning: its message, or its sub-errors'
 * (Node reports a refused `localhost` as an AggregateError of the IPv6 and IPv4 attempts, with
 * an empty message), or its code. The password of `url`, should the error repeat it, is masked.
 *
 * @example
 * describeConnectionError(new Error('connect ECONNREFUSED 127.0.0.1:6379'), 'redis://127.0.0.1:6379');
 * // 'connect ECONNREFUSED 127.0.0.1:6379'
 */
export function describeConnectionError(error: unknown, url: string): string {
  return maskPassword(describe(error), url);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '' && error.errors.length > 0) {
    return error.errors.map(describe).join(', ');
  }
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

function maskPassword(text: string, url: string): string {
  const password = URL.canParse(url) ? new URL(url).password : '';
  if (password === '') return text;
  return text.replaceAll(password, '***').replaceAll(decoded(password), '***');
}

function decoded(password: string): string {
  try {
    return decodeURIComponent(password);
  } catch {
    return password;
  }
}

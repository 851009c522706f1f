import type { LLMStream } from '@kagura-ts/core';

/**
 * Whether `value` is an `LLMStream`, from any copy of `@kagura-ts/core`: an async iterable of
 * text with `text()` and a `response` promise.
 *
 * @example
 * ```ts
 * if (isLLMStream(output)) for await (const delta of output) process.stdout.write(delta);
 * ```
 */
export function isLLMStream(value: unknown): value is LLMStream<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<LLMStream<unknown>>;
  return (
    typeof candidate.text === 'function' &&
    typeof candidate[Symbol.asyncIterator] === 'function' &&
    candidate.response instanceof Promise
  );
}

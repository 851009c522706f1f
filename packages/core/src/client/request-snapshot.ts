import type { ModelRequest } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { canonicalJsonOf } from '../cache/canonical-json.js';

/**
 * A request as it was when its call was made: the caller may reuse or change its messages while
 * the call runs, and what is sent must be exactly what the response-cache key was made from. One
 * walk makes the request's canonical JSON, which is both the key's material and the snapshot: a
 * copy is made from it only when the request is sent, so an answer from the cache copies
 * nothing. (A request holding binary data, an image's bytes, is copied at once: its JSON has only
 * their hash.)
 */
export class RequestSnapshot {
  /** The request's canonical JSON (`canonicalJson`). */
  readonly json: string;
  private copy: ModelRequest | undefined;

  constructor(request: ModelRequest) {
    const { json, binary } = canonicalJsonOf(request);
    this.json = json;
    if (binary) this.copy = copyOf(request);
  }

  /** The request as it was when the call was made, made once. */
  request(): ModelRequest {
    this.copy ??= JSON.parse(this.json) as ModelRequest;
    return this.copy;
  }
}

function copyOf(request: ModelRequest): ModelRequest {
  try {
    return structuredClone(request);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'request',
      value: request,
      message: `it holds a value that cannot be copied (${(error as Error).message}). Messages, tools and provider options must be plain data.`,
    });
  }
}

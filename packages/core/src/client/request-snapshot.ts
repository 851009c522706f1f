import type { ModelRequest } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { canonicalJsonOf } from '../cache/canonical-json.js';

/**
 * A request as it was when its call was made: the caller may reuse or change its messages while
 * the call runs, and what is sent must be exactly what the response-cache key was made from. One
 * walk makes the request's canonical JSON, which is both the key's material and the snapshot: a
 * copy is made from it only when the request is sent, so an answer from the cache copies
 * nothing.
 *
 * Canonical JSON sorts keys, and key order can mean something to the model: it writes a JSON
 * Schema's `properties` in the order given (strict structured outputs; "reasoning before answer"
 * schemas rely on it). So a member of the request holding keys in another order (a tool's schema,
 * the response format, a conversation the caller built) is also kept as its own JSON, in its own
 * order, and sent from that; the members Kagura builds in sorted order (most of a tool loop's
 * transcript) are not written twice. The key ignores key order. A request holding binary data
 * (an image's bytes) is copied at once: its JSON has only their hash.
 */
export class RequestSnapshot {
  /** The request's canonical JSON (`canonicalJson`). */
  readonly json: string;
  // The members whose keys canonical JSON reorders, each as its JSON in its own order.
  private readonly ownOrder: Array<[key: string, json: string]> | undefined;
  private copy: ModelRequest | undefined;

  constructor(request: ModelRequest) {
    const { json, binary, reorderedMembers } = canonicalJsonOf(request);
    this.json = json;
    if (binary) this.copy = copyOf(request);
    else if (reorderedMembers.length > 0) this.ownOrder = jsonInOwnOrder(request, reorderedMembers);
  }

  /** The request as it was when the call was made, made once. */
  request(): ModelRequest {
    if (this.copy !== undefined) return this.copy;
    const copy = JSON.parse(this.json) as Record<string, unknown>;
    for (const [key, json] of this.ownOrder ?? []) copy[key] = JSON.parse(json);
    this.copy = copy as unknown as ModelRequest;
    return this.copy;
  }
}

// `JSON.stringify` writes what canonical JSON does, in the value's own order, but refuses a
// bigint (canonical JSON writes its decimal string): a member holding one is sent in canonical
// order.
function jsonInOwnOrder(
  request: ModelRequest,
  keys: readonly string[],
): Array<[key: string, json: string]> {
  const members: Array<[key: string, json: string]> = [];
  for (const key of keys) {
    try {
      members.push([key, JSON.stringify((request as unknown as Record<string, unknown>)[key])]);
    } catch {
      // Sent in canonical order.
    }
  }
  return members;
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

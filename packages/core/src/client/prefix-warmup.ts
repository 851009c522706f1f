import { createHash } from 'node:crypto';
import type { LanguageModel, ModelRequest, ModelResult, StreamEvent } from '@kagura-ts/provider';
import { promptPrefixOf } from '../call/prompt-prefix.js';
import { StreamResponseBuilder } from '../stream/stream-response-builder.js';
import { untilAborted } from '../util/until-aborted.js';

/**
 * The key of the prompt prefix a request asks the provider to cache (through its last
 * breakpoint), with the model and tenant; `undefined` when it places no breakpoint. Requests of
 * one key write the same prefix.
 */
export function prefixWarmupKey(model: LanguageModel, request: ModelRequest): string | undefined {
  if (request.promptCache === undefined) return undefined;
  const { breakpoints } = request.promptCache;
  const marked =
    breakpoints.tools !== undefined ||
    breakpoints.system !== undefined ||
    (breakpoints.messages?.length ?? 0) > 0;
  if (!marked) return undefined;
  const prefix = promptPrefixOf(request);
  const through = prefix.cachedThrough;
  const cached = {
    tools: prefix.tools.map((tool) => tool.json),
    system: through === 'tools' ? '' : prefix.system,
    messages:
      typeof through === 'object'
        ? prefix.messages.filter((message) => message.index <= through.message)
        : [],
  };
  return createHash('sha256')
    .update(JSON.stringify([model.provider, model.modelId, model.tenantScope ?? '', cached]))
    .digest('hex');
}

/**
 * How long a written prefix counts as warm: under the providers' shortest prompt-cache ttl (five
 * minutes), so a request for it never waits for a prefix the provider has.
 */
const warmForMs = 240_000;
/** The most warm prefixes remembered at once. */
const maxWarmPrefixes = 10_000;

/**
 * Warm-then-fan-out: of the requests that would write the same prompt prefix at once (a
 * `parallelMap` of questions under one long system prompt), the first goes alone; the others
 * wait until the provider has the prefix, then go together and read it instead of each writing
 * it. The prefix is there at the first request's first event (a plain call's first request is
 * sent as a stream for this). A first request that fails releases the others all the same.
 */
export class PrefixWarmup {
  private readonly writing = new Map<string, Promise<void>>();
  /** When each recently written prefix was written: requests for it go at once. */
  private readonly warm = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether `key`'s prefix was written recently enough to be read without waiting. */
  private isWarm(key: string): boolean {
    const writtenAt = this.warm.get(key);
    if (writtenAt === undefined) return false;
    if (this.now() - writtenAt < warmForMs) return true;
    this.warm.delete(key);
    return false;
  }

  /**
   * Sends a plain request through the warm-up of `key` (none when `undefined`). The first
   * request of a prefix is sent as a stream (`open`) and assembled, so that the others go at its
   * first event, when the provider has the prefix, rather than when it has answered; if that
   * stream fails after its first event, it is sent again the plain way (`send`, with its own
   * retries). Its result then has no `raw` body, as a stream's has none.
   */
  async generate(
    key: string | undefined,
    abortSignal: AbortSignal | undefined,
    send: () => Promise<ModelResult>,
    open: () => AsyncIterable<StreamEvent>,
    provider: string,
  ): Promise<ModelResult> {
    if (key === undefined || this.isWarm(key)) return send();
    const pending = this.writing.get(key);
    if (pending !== undefined) {
      await untilAborted(pending, abortSignal);
      return send();
    }
    const release = this.lead(key);
    try {
      const answer = new StreamResponseBuilder();
      let started = false;
      try {
        for await (const event of open()) {
          release();
          started = true;
          answer.add(event);
        }
        return { ...answer.build(provider), raw: undefined };
      } catch (error) {
        if (!started || abortSignal?.aborted) throw error;
        return await send();
      }
    } finally {
      release(false);
    }
  }

  /** Opens a stream through the warm-up of `key` (none when `undefined`). */
  async *stream(
    key: string | undefined,
    abortSignal: AbortSignal | undefined,
    open: () => AsyncIterable<StreamEvent>,
  ): AsyncGenerator<StreamEvent> {
    if (key === undefined || this.isWarm(key)) {
      yield* open();
      return;
    }
    const pending = this.writing.get(key);
    if (pending !== undefined) {
      await untilAborted(pending, abortSignal);
      yield* open();
      return;
    }
    const release = this.lead(key);
    try {
      for await (const event of open()) {
        release();
        yield event;
      }
    } finally {
      release(false);
    }
  }

  // Takes the lead on `key`; the returned function lets the waiting requests go (once), and
  // marks the prefix warm if it was written (`false` after a failure).
  private lead(key: string): (written?: boolean) => void {
    let done: () => void = () => {};
    const writing = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.writing.set(key, writing);
    let released = false;
    return (written = true) => {
      if (released) return;
      released = true;
      if (this.writing.get(key) === writing) this.writing.delete(key);
      if (written) {
        this.warm.delete(key);
        if (this.warm.size >= maxWarmPrefixes) this.warm.delete(this.warm.keys().next().value!);
        this.warm.set(key, this.now());
      }
      done();
    };
  }
}

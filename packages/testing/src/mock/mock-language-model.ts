import {
  AbortError,
  type LanguageModel,
  type ModelRequest,
  type ModelResult,
  type Provider,
  type StreamEvent,
  specificationVersion,
  type TransportOptions,
  type Usage,
} from '@kagura-ts/provider';

/**
 * One scripted answer of a {@link MockLanguageModel}: a result (text, tool calls, finish reason,
 * usage; what is left out has a default), a failure to throw, or the exact stream events to send.
 */
export interface MockReply {
  /** The reply's text. @default 'ok' */
  text?: string;
  /** Tool calls the model makes. @default [] */
  toolCalls?: ModelResult['toolCalls'];
  /** @default 'tool-calls' with tool calls, else 'stop' */
  finishReason?: ModelResult['finishReason'];
  /** @default { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0 } */
  usage?: Usage;
  /** Thrown instead of answering (after `delayMs`), for a call or a stream alike. */
  error?: unknown;
  /** A stream's events, sent as they are (no finish is added). @default the text in words, then finish */
  events?: StreamEvent[];
  /** How long the answer takes, in milliseconds; the call's abort signal cuts it short. @default 0 */
  delayMs?: number;
}

/** A reply, or a function that makes one from the request. */
export type MockScript = MockReply | ((request: ModelRequest, call: number) => MockReply);

/** One call a {@link MockLanguageModel} received. */
export interface MockCall {
  kind: 'generate' | 'stream';
  request: ModelRequest;
  transport: TransportOptions | undefined;
}

/** Options for {@link MockLanguageModel}. */
export interface MockLanguageModelOptions {
  /** @default 'mock' */
  provider?: string;
  /** @default 'mock-model' */
  modelId?: string;
  /** @default 'mock-tenant' */
  tenantScope?: string;
  /**
   * The replies, one per call in order; the last is used again once they run out.
   * @default [{}] (text 'ok')
   */
  replies?: MockScript[];
}

/**
 * A `LanguageModel` that answers from a script, in this process, and records every call: for
 * unit tests of what sits above a model (the client, the cache, retries, the tool loop) that
 * run in milliseconds. The wire formats are tested against the HTTP simulator instead.
 *
 * @example
 * const model = new MockLanguageModel({ replies: [{ error: rateLimited }, { text: 'Bonjour' }] });
 * const client = createClient({ providers: { mock: mockProvider(model) }, model: 'mock:mock-model' });
 * await client.call('Translate hello');   // 'Bonjour', after one retry
 * model.calls.length;                     // 2
 */
export class MockLanguageModel implements LanguageModel {
  readonly specificationVersion = specificationVersion;
  readonly provider: string;
  readonly modelId: string;
  readonly tenantScope: string;
  /** Every call received, in order. */
  readonly calls: MockCall[] = [];
  private readonly replies: MockScript[];

  constructor(options: MockLanguageModelOptions = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-model';
    this.tenantScope = options.tenantScope ?? 'mock-tenant';
    this.replies = options.replies ?? [{}];
  }

  /** Records the call and answers with the next scripted reply (or throws its `error`). */
  async generate(request: ModelRequest, transport?: TransportOptions): Promise<ModelResult> {
    const reply = this.next('generate', request, transport);
    await wait(reply.delayMs ?? 0, transport?.abortSignal);
    if (reply.error !== undefined) throw reply.error;
    return { ...this.resultOf(reply), raw: { mock: true } };
  }

  /**
   * Records the call and streams the next scripted reply: its `events`, or its text word by
   * word and a finish event. Aborting the transport's signal stops the stream.
   */
  async stream(
    request: ModelRequest,
    transport?: TransportOptions,
  ): Promise<AsyncIterable<StreamEvent>> {
    const reply = this.next('stream', request, transport);
    await wait(reply.delayMs ?? 0, transport?.abortSignal);
    if (reply.error !== undefined) throw reply.error;
    const events = reply.events ?? this.eventsOf(reply);
    const signal = transport?.abortSignal;
    return (async function* () {
      for (const event of events) {
        if (signal?.aborted) throw new AbortError({ cause: signal.reason });
        yield event;
      }
    })();
  }

  private next(kind: MockCall['kind'], request: ModelRequest, transport?: TransportOptions) {
    this.calls.push({ kind, request, transport });
    const script = this.replies[Math.min(this.calls.length, this.replies.length) - 1]!;
    return typeof script === 'function' ? script(request, this.calls.length) : script;
  }

  private resultOf(reply: MockReply): Omit<ModelResult, 'raw'> {
    const toolCalls = reply.toolCalls ?? [];
    return {
      text: reply.text ?? (toolCalls.length > 0 ? '' : 'ok'),
      toolCalls,
      finishReason: reply.finishReason ?? (toolCalls.length > 0 ? 'tool-calls' : 'stop'),
      usage: reply.usage ?? { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0 },
      model: this.modelId,
    };
  }

  private eventsOf(reply: MockReply): StreamEvent[] {
    const { text, toolCalls, finishReason, usage, model } = this.resultOf(reply);
    const words = text.match(/\S+\s*|\s+/g) ?? [];
    return [
      ...words.map((word): StreamEvent => ({ type: 'text-delta', text: word })),
      ...toolCalls.map(
        ({ toolCallId, toolName, input }): StreamEvent => ({
          type: 'tool-call',
          toolCallId,
          toolName,
          input,
        }),
      ),
      { type: 'finish', finishReason, usage, model },
    ];
  }
}

/** A provider handing out the given mock models by id (the first for any other id). */
export function mockProvider(...models: MockLanguageModel[]): Provider {
  const [first] = models;
  if (first === undefined) throw new Error('mockProvider needs at least one MockLanguageModel.');
  return {
    name: first.provider,
    languageModel: (modelId) => models.find((model) => model.modelId === modelId) ?? first,
    isKnownModel: (modelId) => models.some((model) => model.modelId === modelId),
  };
}

function wait(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortError({ cause: signal.reason }));
  if (milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

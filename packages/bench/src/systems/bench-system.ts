/** The systems compared. */
export type SystemName =
  | 'kagura'
  | 'raw-openai'
  | 'vercel-ai'
  | 'vercel-ai-unpaced'
  | 'langchain'
  | 'kagura-anthropic'
  | 'raw-anthropic';

/** Where a system keeps its cache: nowhere, in memory, on disk, or in Redis. */
export type StoreKind = 'none' | 'memory' | 'disk' | 'redis';

/** One call's input: the same for every system. */
export interface BenchPrompt {
  /** The system prompt (the agent's instructions), if any. */
  system?: string;
  /** The user prompt. */
  prompt: string;
}

/** One call's output, normalised. */
export interface BenchReply {
  /** The reply text. */
  text: string;
  /** Prompt tokens the reply reports (a cached reply reports what it cost when it was made). */
  inputTokens: number;
  /** Completion tokens the reply reports. */
  outputTokens: number;
}

/** A system under test, set up with one store and pointed at the simulator. */
export interface BenchSystem {
  /** Which system. */
  readonly name: SystemName;
  /** Where it caches. */
  readonly store: StoreKind;
  /** Sends one call through the system's public call (`callLLM`, `generateText`, `invoke`). */
  call(input: BenchPrompt): Promise<BenchReply>;
  /**
   * Sends independent calls with at most `concurrency` in flight, settling each (row 4: what
   * a developer writes with this system to fan calls out under a rate limit).
   */
  callAll(
    inputs: readonly BenchPrompt[],
    concurrency: number,
  ): Promise<PromiseSettledResult<BenchReply>[]>;
  /** Streams one call's non-empty text deltas through the system's public stream call. */
  stream(input: BenchPrompt): AsyncIterable<string>;
  /**
   * Adds `count` entries straight into the memory store, each as large as a real one (a copy of
   * the entry cached for `template`, which must have been called first) under a key of the
   * system's own format. For the scale row; memory stores only.
   */
  fill?(template: BenchPrompt, count: number): Promise<void>;
  /** Closes connections and files. */
  close(): Promise<void>;
}

/** How a system is set up for one row. */
export interface SystemSetup {
  /** The simulator's OpenAI base URL (`.../v1`). */
  openaiBaseURL: string;
  /** The simulator's Anthropic base URL. */
  anthropicBaseURL: string;
  /** The cache store. */
  store: StoreKind;
  /** The Redis URL, for `store: 'redis'`. */
  redisUrl?: string | undefined;
  /** A directory for on-disk stores. */
  directory: string;
  /** A metered `fetch` to send requests through, when the row counts them. */
  fetch?: typeof globalThis.fetch | undefined;
  /** The memory store's entry bound, for the scale row. @default the system's default */
  maxEntries?: number | undefined;
}

/** The model every OpenAI-format system asks for. */
export const benchModel = 'gpt-4o-mini';

/** The model the Anthropic-format systems ask for. */
export const benchAnthropicModel = 'claude-haiku-4-5';

/** `max_tokens` as every Anthropic-format system sends it (Kagura's adapter default). */
export const anthropicMaxTokens = 4096;

/** The API key sent to the simulator (it accepts any). */
export const benchApiKey = 'sk-bench';

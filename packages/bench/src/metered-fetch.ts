/** What a {@link createMeteredFetch} saw go upstream. */
export interface Meter {
  /** Requests sent (each retry counts). */
  requests: number;
  /** Requests answered with a status of 400 or more. */
  failedRequests: number;
  /** Requests in flight right now. */
  inFlight: number;
  /** The most requests in flight at once since the last reset. */
  maxInFlight: number;
  /** Prompt tokens billed, from the JSON replies' `usage`. */
  inputTokens: number;
  /** Completion tokens billed. */
  outputTokens: number;
  /** Upstream requests per prompt text (the request's message contents), when recording. */
  promptCounts: Map<string, number>;
  /** Zeroes every counter. */
  reset(): void;
}

/**
 * A `fetch` that counts what goes upstream, for the rows that count requests, tokens and
 * concurrency. Every system takes a custom `fetch` (the `openai` SDK, `@ai-sdk/openai`,
 * LangChain through the SDK's options, and Kagura's `createOpenAI`), so all are metered alike.
 * A request stays in flight until its reply body has been read. It reads each JSON reply twice
 * (a clone), so the latency rows do not use it.
 */
export function createMeteredFetch(options: { recordPrompts?: boolean } = {}): {
  fetch: typeof globalThis.fetch;
  meter: Meter;
} {
  const meter: Meter = {
    requests: 0,
    failedRequests: 0,
    inFlight: 0,
    maxInFlight: 0,
    inputTokens: 0,
    outputTokens: 0,
    promptCounts: new Map(),
    reset() {
      Object.assign(meter, {
        requests: 0,
        failedRequests: 0,
        maxInFlight: meter.inFlight,
        inputTokens: 0,
        outputTokens: 0,
      });
      meter.promptCounts.clear();
    },
  };
  const meteredFetch = async (input: string | URL | Request, init?: RequestInit) => {
    meter.requests += 1;
    meter.inFlight += 1;
    meter.maxInFlight = Math.max(meter.maxInFlight, meter.inFlight);
    if (options.recordPrompts === true && typeof init?.body === 'string') {
      const prompt = promptOf(init.body);
      meter.promptCounts.set(prompt, (meter.promptCounts.get(prompt) ?? 0) + 1);
    }
    let settled = false;
    const leave = () => {
      if (settled) return;
      settled = true;
      meter.inFlight -= 1;
    };
    try {
      const response = await globalThis.fetch(input, init);
      if (response.status >= 400) meter.failedRequests += 1;
      const type = response.headers.get('content-type') ?? '';
      if (response.ok && type.includes('application/json')) {
        const body = (await response.clone().json()) as {
          usage?: { prompt_tokens?: number; completion_tokens?: number };
        };
        meter.inputTokens += body.usage?.prompt_tokens ?? 0;
        meter.outputTokens += body.usage?.completion_tokens ?? 0;
      }
      leave();
      return response;
    } finally {
      leave();
    }
  };
  return { fetch: meteredFetch as typeof globalThis.fetch, meter };
}

/**
 * The text of a chat request's messages, one per line: the same for every system's body for the
 * same system prompt and user prompt, whatever shape each gives `content`.
 */
export function promptOf(body: string): string {
  let parsed: { messages?: { content?: unknown }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return body;
  }
  return (parsed.messages ?? []).map((message) => textOf(message.content)).join('\n');
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '',
    )
    .join('');
}

/** One piece of a reply, written as is. */
export interface ReplyStep {
  /** The bytes to write (a whole JSON body, or one SSE event). */
  data: string;
  /** Whether the step carries a generated token (paced by the latency profile). */
  token: boolean;
}

/** A reply in a provider's wire format, ready to be paced onto the socket. */
export interface ReplyScript {
  /** `json` is one body written after the whole generation time; `stream` is SSE. */
  kind: 'json' | 'stream';
  /** Response headers (status is always 200). */
  headers: Record<string, string>;
  /** What to write; a JSON reply has exactly one step. */
  steps: ReplyStep[];
  /** Tokens generated, which sets how long a JSON reply takes. */
  completionTokens: number;
}

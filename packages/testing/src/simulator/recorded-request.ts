import type { IncomingHttpHeaders } from 'node:http';
import type { WireFormatApi } from '../formats/wire-formats.js';
import type { RequestTiming } from './latency.js';
import type { PromptCacheRecord } from './prompt-cache-record.js';

/** A request the simulator received, updated live as its reply progresses. */
export interface RecordedRequest {
  /** Sequence number, from 1. */
  id: number;
  /**
   * The `api` of the wire format whose chat route it hit (`openai`: chat completions,
   * `anthropic`: messages), `models` (model listing), or `unknown` (no route).
   */
  api: WireFormatApi | 'models' | 'unknown';
  /** The HTTP method. */
  method: string;
  /** The path, without the query string. */
  path: string;
  /** The request headers (lowercase names). */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `undefined` when there was none or it was not JSON. */
  body: unknown;
  /** Whether the request asked for a stream. */
  stream: boolean;
  /** The HTTP status sent; `0` until the status line is written. */
  status: number;
  /**
   * What the prompt cache did for a chat request that got a reply: tokens read and written, and
   * each `cache_control` breakpoint's outcome.
   * @default undefined (no reply planned, or `promptCache: false`)
   */
  promptCache?: PromptCacheRecord;
  /**
   * The timings drawn for the reply (time to the first token after the prompt cache's saving,
   * interval between tokens); zero with latency `'none'`.
   * @default undefined (no reply planned)
   */
  timing?: RequestTiming;
  /** The type of the fault injected into this request, if any. */
  fault?: 'status' | 'slow-first-token' | 'drop' | 'malformed-json';
  /** When the request arrived (`Date.now()`). */
  startedAt: number;
  /** When the exchange ended: reply finished, connection dropped or closed by the client. */
  endedAt?: number;
  /** Whether the full reply was written. */
  completed: boolean;
  /** Whether the client closed the connection before the reply finished. */
  disconnected: boolean;
}

import type { WireFormatApi } from '../formats/wire-formats.js';
import type { RequestMatcher } from './simulator-rule.js';

/** Which requests a fault applies to. */
export interface SimulatorFaultTarget {
  /**
   * Only requests that match (same semantics as a rule's `match`).
   * @default every request
   */
  match?: RequestMatcher;
  /**
   * Only requests to this API. Faults without `api` apply to chat requests (OpenAI and
   * Anthropic), never to model listings; use `api: 'models'` to fault `GET /v1/models`.
   * @default 'openai' and 'anthropic'
   */
  api?: WireFormatApi | 'models';
  /**
   * How many matching requests the fault applies to.
   * @default 1
   */
  times?: number;
}

/**
 * Answers with an HTTP error status and the provider's native error body, at once (no latency),
 * as rate limiters and overloaded front ends do.
 */
export interface StatusFault extends SimulatorFaultTarget {
  /** The fault kind. */
  type: 'status';
  /** The HTTP status, e.g. 400, 401, 404, 408, 409, 429, 500, 503, 529. */
  status: number;
  /** Sent as the `retry-after` header (seconds), when given. */
  retryAfterSeconds?: number;
  /** Sent as the `retry-after-ms` header, when given. */
  retryAfterMs?: number;
  /**
   * OpenAI `error.code` (e.g. `insufficient_quota`, which also sets `error.type`); ignored for
   * Anthropic.
   * @default a code fitting the status
   */
  code?: string;
  /**
   * The error message.
   * @default a message fitting the status
   */
  message?: string;
}

/** Adds a delay before the first token of a stream, or before a JSON reply. */
export interface SlowFirstTokenFault extends SimulatorFaultTarget {
  /** The fault kind. */
  type: 'slow-first-token';
  /** The extra delay in milliseconds. */
  delayMs: number;
}

/** Destroys the socket mid-reply. */
export interface DropFault extends SimulatorFaultTarget {
  /** The fault kind. */
  type: 'drop';
  /**
   * How many tokens a stream sends before the socket is destroyed (a JSON reply is never sent).
   * @default 0
   */
  afterTokens?: number;
}

/** Answers 200 with a body that is not valid JSON (for a stream: one broken `data:` line). */
export interface MalformedJsonFault extends SimulatorFaultTarget {
  /** The fault kind. */
  type: 'malformed-json';
}

/** A failure injected into the next matching request(s). */
export type SimulatorFault = StatusFault | SlowFirstTokenFault | DropFault | MalformedJsonFault;

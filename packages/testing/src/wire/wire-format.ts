import type { IncomingHttpHeaders } from 'node:http';
import type { ParsedRequest } from './parsed-request.js';
import type { ReplyPlan } from './reply-plan.js';
import type { ReplyScript } from './reply-script.js';

/** The HTTP routes a wire format serves. */
export interface WireFormatRoutes {
  /** The path its chat endpoint answers to `POST`, e.g. `/v1/chat/completions`. */
  generation: string;
  /**
   * The path its model listing answers to `GET` (and `GET {path}/{id}` for one model). Several
   * formats may share it: {@link WireFormat.claims} then picks the shape.
   * @default undefined (no model listing)
   */
  models?: string;
}

/** Options of {@link WireFormat.errorBody}. */
export interface ErrorBodyOptions {
  /**
   * The simulator's number of the request answered, for formats that put a request id in the body.
   * @default undefined (not known, e.g. on an unknown route)
   */
  requestNumber?: number;
  /**
   * The error message.
   * @default a message fitting the status
   */
  message?: string;
  /**
   * The error code, for formats that have one (e.g. `insufficient_quota`).
   * @default a code fitting the status
   */
  code?: string;
}

/** An error a header check answers with instead of a reply. */
export interface WireHeaderError {
  /** The HTTP status, e.g. 401. */
  status: number;
  /** The error message, written into the format's error body. */
  message: string;
  /**
   * The error code, for formats that have one.
   * @default a code fitting the status
   */
  code?: string;
}

/**
 * One provider's chat API as the simulator speaks it: the routes it serves, how it reads a request
 * into the simulator's neutral {@link ParsedRequest}, and how it writes a planned reply (JSON or
 * SSE), an error body and its model listing. The request handler knows formats only through this
 * interface and the registry (`formats/wire-formats.ts`).
 *
 * Usage is written by `buildJsonReply` / `buildStreamReply` from the {@link ReplyPlan}'s neutral
 * token counts, each format in its own usage fields (a `*-usage.ts` beside the builders), prompt
 * cache reads and writes included (`ReplyPlan.promptCache`): the simulator keeps the caches, the
 * format only says where a prompt's cacheable prefixes end (`ParsedRequest.promptCache`).
 */
export interface WireFormat<Api extends string = string> {
  /**
   * The API name: recorded as `RecordedRequest.api` and `SimulatorRequestInfo.api`, and matched by
   * a fault's `api`.
   */
  readonly api: Api;
  /** The routes it serves. */
  readonly routes: WireFormatRoutes;
  /** Model ids listed when `SimulatorOptions.models` is not given (the formats' lists joined). */
  readonly defaultModels: readonly string[];
  /**
   * Whether a request on a route several formats share (the model listing, an unknown route) is
   * this format's client, judged by its headers. When no format claims it, the first format in
   * the registry answers.
   * @default undefined (claims nothing)
   */
  claims?(headers: IncomingHttpHeaders): boolean;
  /**
   * Checks a chat request's headers (auth, API version) before anything else; returns the error
   * to answer with, or `undefined` to go on.
   * @default undefined (no checks)
   */
  checkHeaders?(headers: IncomingHttpHeaders): WireHeaderError | undefined;
  /**
   * The API key a chat request carries (its tenant): prompt caches are kept per key, so two keys
   * never share a cached prefix.
   * @default undefined (every request is one tenant)
   */
  apiKeyOf?(headers: IncomingHttpHeaders): string | undefined;
  /**
   * Reads a request body; returns an error message when it is not a valid request. Cache markers
   * and keys go into the parsed request's `prompt` and `promptCache`.
   */
  parseRequest(body: Record<string, unknown>): ParsedRequest | string;
  /** Writes a planned reply as one JSON body (the request did not ask for a stream). */
  buildJsonReply(plan: ReplyPlan, parsed: ParsedRequest, requestNumber: number): ReplyScript;
  /** Writes a planned reply as an SSE stream (the request asked for one). */
  buildStreamReply(plan: ReplyPlan, parsed: ParsedRequest, requestNumber: number): ReplyScript;
  /** Builds the native error body for a status. */
  errorBody(status: number, options?: ErrorBodyOptions): string;
  /** Extra headers on a chat reply or error (the request id header its SDK reads). */
  idHeaders(requestNumber: number): Record<string, string>;
  /** The body of `GET {routes.models}`, listing `models`. */
  modelList(models: readonly string[]): object;
  /** The body of `GET {routes.models}/{id}` for a model it lists. */
  modelEntry(id: string): object;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './recorded-request.js';

/** One request/response pair in flight, with what is needed to stop it early. */
export interface Exchange {
  /** The live record of the request. */
  record: RecordedRequest;
  /** The incoming request. */
  request: IncomingMessage;
  /** The response being written. */
  response: ServerResponse;
  /** The pending pacing timer, cleared when the exchange closes. */
  timer: NodeJS.Timeout | undefined;
  /** Whether the connection closed (reply done, dropped, or client gone). */
  closed: boolean;
  /** Whether the simulator destroyed the socket on purpose (a `drop` fault). */
  dropped: boolean;
  /** Tells `waitFor` callers that the record changed. */
  notify(): void;
}

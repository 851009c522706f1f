import type { Exchange } from './exchange.js';
import { sendJson } from './send-json.js';
import type { StatusFault } from './simulator-fault.js';

/** Answers with a status fault: the given error body plus any `retry-after` headers. */
export function sendStatusFault(
  exchange: Exchange,
  fault: StatusFault,
  body: string,
  headers: Record<string, string>,
): void {
  const retryHeaders: Record<string, string> = { ...headers };
  if (fault.retryAfterSeconds !== undefined) {
    retryHeaders['retry-after'] = String(fault.retryAfterSeconds);
  }
  if (fault.retryAfterMs !== undefined) retryHeaders['retry-after-ms'] = String(fault.retryAfterMs);
  sendJson(exchange, fault.status, body, retryHeaders);
}

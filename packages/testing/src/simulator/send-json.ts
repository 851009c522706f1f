import type { Exchange } from './exchange.js';

/** Writes a complete JSON reply at once (errors, model listings). */
export function sendJson(
  exchange: Exchange,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  exchange.record.status = status;
  exchange.response.writeHead(status, { 'content-type': 'application/json', ...headers });
  exchange.response.end(body);
  exchange.notify();
}

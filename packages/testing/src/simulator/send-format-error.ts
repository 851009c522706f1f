import type { WireFormat } from '../wire/wire-format.js';
import type { Exchange } from './exchange.js';
import { sendJson } from './send-json.js';

/**
 * Answers the exchange with an error in `format`'s shape: its error body and its request-id
 * headers, numbered after the exchange's request.
 */
export function sendFormatError(
  exchange: Exchange,
  format: WireFormat,
  status: number,
  error: { message: string; code?: string | undefined },
): void {
  const { id } = exchange.record;
  sendJson(
    exchange,
    status,
    format.errorBody(status, { requestNumber: id, ...error }),
    format.idHeaders(id),
  );
}

import { isRecord } from '@kagura-ts/provider';
import type { WireFormatApi } from '../formats/wire-formats.js';
import type { ParsedRequest } from '../wire/parsed-request.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { Exchange } from './exchange.js';
import { sampleLatency } from './latency.js';
import { planReply } from './plan-reply.js';
import { runReply } from './run-reply.js';
import { sendFormatError } from './send-format-error.js';
import { sendStatusFault } from './send-status-fault.js';
import type { SimulatorContext } from './simulator-context.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

/**
 * Answers a chat request in its wire format: validates it, applies an armed fault, picks the
 * matching rule, plans the reply and paces it onto the socket.
 */
export function handleGeneration(
  context: SimulatorContext,
  exchange: Exchange,
  format: WireFormat<WireFormatApi>,
  body: unknown,
): void {
  const { record } = exchange;
  const idHeaders = format.idHeaders(record.id);
  if (!isRecord(body)) {
    sendFormatError(exchange, format, 400, { message: 'The request body must be a JSON object.' });
    return;
  }
  record.stream = body.stream === true;
  const parsed = format.parseRequest(body);
  if (typeof parsed === 'string') {
    sendFormatError(exchange, format, 400, { message: parsed });
    return;
  }
  const request: ParsedRequest<SimulatorRequestInfo> = {
    ...parsed,
    info: { api: format.api, ...parsed.info },
  };
  const fault = context.faults.take(format.api, request.info);
  if (fault !== undefined) record.fault = fault.type;
  if (fault?.type === 'status') {
    const { status, message, code } = fault;
    const errorBody = format.errorBody(status, { requestNumber: record.id, message, code });
    sendStatusFault(exchange, fault, errorBody, idHeaders);
    return;
  }
  const rule = context.rules.take(request.info);
  const plan = planReply(request, rule, context);
  const script = request.info.stream
    ? format.buildStreamReply(plan, request, record.id)
    : format.buildJsonReply(plan, request, record.id);
  runReply(exchange, script, sampleLatency(context.latency, context.jitterRng), fault);
}

import type { Exchange } from './exchange.js';
import { isRecord } from './is-record.js';
import { sampleLatency } from './latency.js';
import { planReply } from './plan-reply.js';
import type { ProviderFormat } from './provider-format.js';
import { runReply } from './run-reply.js';
import { sendJson } from './send-json.js';
import { sendStatusFault } from './send-status-fault.js';
import type { SimulatorContext } from './simulator-context.js';

/**
 * Answers a chat request (OpenAI or Anthropic): validates it, applies an armed fault, picks the
 * matching rule, plans the reply and paces it onto the socket.
 */
export function handleGeneration(
  context: SimulatorContext,
  exchange: Exchange,
  format: ProviderFormat,
  body: unknown,
): void {
  const { record } = exchange;
  const idHeaders = format.idHeaders(record.id);
  if (!isRecord(body)) {
    const message = 'The request body must be a JSON object.';
    sendJson(exchange, 400, format.errorBody(400, record.id, message), idHeaders);
    return;
  }
  record.stream = body.stream === true;
  const parsed = format.parseRequest(body);
  if (typeof parsed === 'string') {
    sendJson(exchange, 400, format.errorBody(400, record.id, parsed), idHeaders);
    return;
  }
  const fault = context.faults.take(format.api, parsed.info);
  if (fault !== undefined) record.fault = fault.type;
  if (fault?.type === 'status') {
    const errorBody = format.errorBody(fault.status, record.id, fault.message, fault.code);
    sendStatusFault(exchange, fault, errorBody, idHeaders);
    return;
  }
  const rule = context.rules.take(parsed.info);
  const plan = planReply(parsed, rule, context);
  const script = format.buildReply(plan, parsed, record.id);
  runReply(exchange, script, sampleLatency(context.latency, context.jitterRng), fault);
}

import { isRecord } from '@kagura-ts/provider';
import type { WireFormatApi } from '../formats/wire-formats.js';
import type { ParsedRequest } from '../wire/parsed-request.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { Exchange } from './exchange.js';
import { applyPromptCacheLatency, sampleLatency } from './latency.js';
import { planReply } from './plan-reply.js';
import { runReply } from './run-reply.js';
import { sendFormatError } from './send-format-error.js';
import { sendStatusFault } from './send-status-fault.js';
import type { SimulatorContext } from './simulator-context.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

/**
 * Answers a chat request in its wire format: validates it, applies an armed fault, picks the
 * matching rule, plans the reply, serves its prompt through the prompt cache (cached tokens in
 * the usage, a shorter time to the first token) and paces the reply onto the socket.
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
  let plan = planReply(request, rule, context);
  let timing = sampleLatency(context.latency, context.jitterRng);
  const { prompt, promptCache: policy } = request;
  if (context.promptCache !== undefined && prompt !== undefined && policy !== undefined) {
    const cached = context.promptCache.use({
      api: format.api,
      apiKey: format.apiKeyOf?.(exchange.request.headers) ?? '',
      model: request.info.model,
      prompt,
      policy,
    });
    record.promptCache = cached.record;
    plan = { ...plan, promptCache: cached.usage };
    const share = plan.promptTokens === 0 ? 0 : cached.usage.readTokens / plan.promptTokens;
    timing = applyPromptCacheLatency(timing, share);
    // What it wrote is readable once it answers its first token, as at a provider.
    cached.publish(timing.firstTokenDelayMs);
  }
  record.timing = timing;
  const script = request.info.stream
    ? format.buildStreamReply(plan, request, record.id)
    : format.buildJsonReply(plan, request, record.id);
  runReply(exchange, script, timing, fault);
}

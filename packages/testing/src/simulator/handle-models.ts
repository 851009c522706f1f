import type { WireFormat } from '../wire/wire-format.js';
import type { Exchange } from './exchange.js';
import { runReply } from './run-reply.js';
import { sendJson } from './send-json.js';
import { sendStatusFault } from './send-status-fault.js';
import type { SimulatorContext } from './simulator-context.js';

/**
 * Answers a model listing (`GET {models}`) or one model (`GET {models}/{id}`) in the shape of
 * the format the route resolved to.
 */
export function handleModels(
  context: SimulatorContext,
  exchange: Exchange,
  format: WireFormat,
  modelId: string | undefined,
): void {
  const requestNumber = exchange.record.id;
  const fault = context.faults.take('models', undefined);
  if (fault !== undefined) exchange.record.fault = fault.type;
  if (fault?.type === 'status') {
    const { status, message, code } = fault;
    const errorBody = format.errorBody(status, { requestNumber, message, code });
    sendStatusFault(exchange, fault, errorBody, {});
    return;
  }
  let body: object;
  if (modelId !== undefined) {
    if (!context.models.includes(modelId)) {
      const message = `The model '${modelId}' does not exist (simulated).`;
      sendJson(exchange, 404, format.errorBody(404, { requestNumber, message }));
      return;
    }
    body = format.modelEntry(modelId);
  } else {
    body = format.modelList(context.models);
  }
  const script = {
    kind: 'json' as const,
    headers: { 'content-type': 'application/json' },
    steps: [{ data: JSON.stringify(body), token: false }],
    completionTokens: 0,
  };
  runReply(exchange, script, { firstTokenDelayMs: 0, tokenIntervalMs: 0 }, fault);
}

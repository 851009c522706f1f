import { anthropicErrorBody } from './anthropic-error-body.js';
import type { Exchange } from './exchange.js';
import { openaiErrorBody } from './openai-error-body.js';
import { runReply } from './run-reply.js';
import { sendJson } from './send-json.js';
import { sendStatusFault } from './send-status-fault.js';
import type { SimulatorContext } from './simulator-context.js';

// Fixed dates keep listings deterministic.
const CREATED_SECONDS = 1_735_689_600;
const CREATED_AT = '2025-01-01T00:00:00Z';

function anthropicModel(id: string): object {
  return {
    type: 'model',
    id,
    display_name: id,
    created_at: CREATED_AT,
    capabilities: null,
    deprecated_at: null,
    lifecycle: 'active',
    line: null,
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    retires_at: null,
  };
}

function openaiModel(id: string): object {
  return { id, object: 'model', created: CREATED_SECONDS, owned_by: 'kagura-simulator' };
}

/**
 * Answers `GET /v1/models` and `GET /v1/models/{id}`, in Anthropic's shape when the request has
 * an `anthropic-version` header, else in OpenAI's.
 */
export function handleModels(
  context: SimulatorContext,
  exchange: Exchange,
  modelId: string | undefined,
): void {
  const anthropic = exchange.request.headers['anthropic-version'] !== undefined;
  const errorBody = (status: number, message?: string, code?: string): string =>
    anthropic
      ? anthropicErrorBody(status, message, `req_sim${exchange.record.id}`)
      : openaiErrorBody(status, message, code);
  const fault = context.faults.take('models', undefined);
  if (fault !== undefined) exchange.record.fault = fault.type;
  if (fault?.type === 'status') {
    sendStatusFault(exchange, fault, errorBody(fault.status, fault.message, fault.code), {});
    return;
  }
  let body: object;
  if (modelId !== undefined) {
    if (!context.models.includes(modelId)) {
      sendJson(exchange, 404, errorBody(404, `The model '${modelId}' does not exist (simulated).`));
      return;
    }
    body = anthropic ? anthropicModel(modelId) : openaiModel(modelId);
  } else if (anthropic) {
    body = {
      data: context.models.map(anthropicModel),
      has_more: false,
      first_id: context.models[0] ?? null,
      last_id: context.models.at(-1) ?? null,
    };
  } else {
    body = { object: 'list', data: context.models.map(openaiModel) };
  }
  const script = {
    kind: 'json' as const,
    headers: { 'content-type': 'application/json' },
    steps: [{ data: JSON.stringify(body), token: false }],
    completionTokens: 0,
  };
  runReply(exchange, script, { firstTokenDelayMs: 0, tokenIntervalMs: 0 }, fault);
}

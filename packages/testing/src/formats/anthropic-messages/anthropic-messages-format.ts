import type { WireFormat } from '../../wire/wire-format.js';
import { anthropicErrorBody } from './anthropic-error-body.js';
import { anthropicModel } from './anthropic-model.js';
import { buildAnthropicJsonReply } from './build-anthropic-json-reply.js';
import { buildAnthropicStreamReply } from './build-anthropic-stream-reply.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';

/**
 * Anthropic messages (`POST /v1/messages`, `GET /v1/models`). It claims model listings and unknown
 * routes that carry an `anthropic-version` header, as `@anthropic-ai/sdk` sends on every request.
 */
export const ANTHROPIC_MESSAGES_FORMAT: WireFormat<'anthropic'> = {
  api: 'anthropic',
  routes: { generation: '/v1/messages', models: '/v1/models' },
  defaultModels: ['claude-haiku-4-5'],
  claims: (headers) => headers['anthropic-version'] !== undefined,
  // An API key, or the bearer token `authToken` clients send instead.
  apiKeyOf: (headers) => {
    const key = headers['x-api-key'];
    return typeof key === 'string' ? key : headers.authorization?.replace(/^Bearer\s+/i, '');
  },
  parseRequest: parseAnthropicRequest,
  buildJsonReply: buildAnthropicJsonReply,
  buildStreamReply: buildAnthropicStreamReply,
  errorBody: (status, options = {}) =>
    anthropicErrorBody(
      status,
      options.message,
      options.requestNumber === undefined ? undefined : `req_sim${options.requestNumber}`,
    ),
  idHeaders: (requestNumber) => ({ 'request-id': `req_sim${requestNumber}` }),
  modelList: (models) => ({
    data: models.map(anthropicModel),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  }),
  modelEntry: anthropicModel,
};

import type { WireFormat } from '../../wire/wire-format.js';
import { buildOpenAIJsonReply } from './build-openai-json-reply.js';
import { buildOpenAIStreamReply } from './build-openai-stream-reply.js';
import { openaiErrorBody } from './openai-error-body.js';
import { openaiModel } from './openai-model.js';
import { parseOpenAIRequest } from './parse-openai-request.js';

/**
 * OpenAI chat completions (`POST /v1/chat/completions`, `GET /v1/models`). First in the registry,
 * it also answers model listings and unknown routes no other format claims.
 */
export const OPENAI_CHAT_FORMAT: WireFormat<'openai'> = {
  api: 'openai',
  routes: { generation: '/v1/chat/completions', models: '/v1/models' },
  defaultModels: ['gpt-4o-mini'],
  apiKeyOf: (headers) => headers.authorization?.replace(/^Bearer\s+/i, ''),
  parseRequest: parseOpenAIRequest,
  buildJsonReply: buildOpenAIJsonReply,
  buildStreamReply: buildOpenAIStreamReply,
  errorBody: (status, options = {}) => openaiErrorBody(status, options.message, options.code),
  idHeaders: (requestNumber) => ({ 'x-request-id': `req_sim${requestNumber}` }),
  modelList: (models) => ({ object: 'list', data: models.map(openaiModel) }),
  modelEntry: openaiModel,
};

import { anthropicErrorBody } from './anthropic-error-body.js';
import { buildAnthropicReply } from './build-anthropic-reply.js';
import { buildOpenAIReply } from './build-openai-reply.js';
import { openaiErrorBody } from './openai-error-body.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { parseOpenAIRequest } from './parse-openai-request.js';
import type { ParsedRequest } from './parsed-request.js';
import type { ReplyPlan } from './plan-reply.js';
import type { ReplyScript } from './reply-script.js';

/** How one provider's chat API reads requests and writes replies and errors. */
export interface ProviderFormat {
  /** The API name recorded on requests. */
  api: 'openai' | 'anthropic';
  /** Reads a request body; returns an error message when it is not valid. */
  parseRequest(body: Record<string, unknown>): ParsedRequest | string;
  /** Writes a planned reply in the wire format. */
  buildReply(plan: ReplyPlan, parsed: ParsedRequest, requestNumber: number): ReplyScript;
  /** Builds the native error body for a status. */
  errorBody(status: number, requestNumber: number, message?: string, code?: string): string;
  /** Extra headers on every reply (the request id header each SDK reads). */
  idHeaders(requestNumber: number): Record<string, string>;
}

/** OpenAI chat completions (`POST /v1/chat/completions`). */
export const OPENAI_CHAT_FORMAT: ProviderFormat = {
  api: 'openai',
  parseRequest: parseOpenAIRequest,
  buildReply: buildOpenAIReply,
  errorBody: (status, _requestNumber, message, code) => openaiErrorBody(status, message, code),
  idHeaders: (requestNumber) => ({ 'x-request-id': `req_sim${requestNumber}` }),
};

/** Anthropic messages (`POST /v1/messages`). */
export const ANTHROPIC_MESSAGES_FORMAT: ProviderFormat = {
  api: 'anthropic',
  parseRequest: parseAnthropicRequest,
  buildReply: buildAnthropicReply,
  errorBody: (status, requestNumber, message) =>
    anthropicErrorBody(status, message, `req_sim${requestNumber}`),
  idHeaders: (requestNumber) => ({ 'request-id': `req_sim${requestNumber}` }),
};

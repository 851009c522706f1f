import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { ReplyPlan } from '../../wire/reply-plan.js';
import type { ReplyScript } from '../../wire/reply-script.js';
import { OPENAI_FINISH_REASONS } from './openai-finish-reasons.js';
import { openaiUsage } from './openai-usage.js';

/** Writes a planned reply as one OpenAI `chat.completion` JSON body. */
export function buildOpenAIJsonReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const id = `chatcmpl-sim${requestNumber}`;
  const created = Math.floor(Date.now() / 1000);
  const model = JSON.stringify(parsed.info.model);
  const finishReason = OPENAI_FINISH_REASONS[plan.finishReason];
  const text = plan.textTokens.join('');
  const headers = { 'x-request-id': `req_sim${requestNumber}` };
  const toolCalls = plan.toolCalls.map((call) => ({
    id: `call_${call.id}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  const message = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
    annotations: [],
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
  const body = `{"id":"${id}","object":"chat.completion","created":${created},"model":${model},"choices":[{"index":0,"message":${JSON.stringify(message)},"logprobs":null,"finish_reason":"${finishReason}"}],"usage":${JSON.stringify(openaiUsage(plan, parsed.info.model))},"service_tier":"default","system_fingerprint":"fp_simulator"}`;
  return {
    kind: 'json',
    headers: { 'content-type': 'application/json', ...headers },
    steps: [{ data: body, token: false }],
    completionTokens: plan.completionTokens,
  };
}

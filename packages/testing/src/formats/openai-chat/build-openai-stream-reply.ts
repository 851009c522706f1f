import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { ReplyPlan } from '../../wire/reply-plan.js';
import type { ReplyScript, ReplyStep } from '../../wire/reply-script.js';
import { SSE_HEADERS } from '../../wire/sse-headers.js';
import { OPENAI_FINISH_REASONS } from './openai-finish-reasons.js';
import { openaiUsage } from './openai-usage.js';

/**
 * Writes a planned reply as an OpenAI `chat.completion.chunk` SSE stream: role chunk, one delta
 * per token, `tool_calls` fragments, finish chunk, optional usage chunk, `[DONE]`.
 */
export function buildOpenAIStreamReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const id = `chatcmpl-sim${requestNumber}`;
  const created = Math.floor(Date.now() / 1000);
  const model = JSON.stringify(parsed.info.model);
  const finishReason = OPENAI_FINISH_REASONS[plan.finishReason];
  const headers = { 'x-request-id': `req_sim${requestNumber}` };
  const head = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${model},"service_tier":"default","system_fingerprint":"fp_simulator","choices":[{"index":0,"delta":`;
  const tail = parsed.includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const chunk = (delta: string, finish = 'null'): string =>
    `${head}${delta},"logprobs":null,"finish_reason":${finish}}]${tail}`;
  const steps: ReplyStep[] = [
    { data: chunk('{"role":"assistant","content":"","refusal":null}'), token: false },
  ];
  for (const token of plan.textTokens) {
    steps.push({ data: chunk(`{"content":${JSON.stringify(token)}}`), token: true });
  }
  for (const [index, call] of plan.toolCalls.entries()) {
    const start = {
      index,
      id: `call_${call.id}`,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    steps.push({ data: chunk(`{"tool_calls":[${JSON.stringify(start)}]}`), token: false });
    for (const fragment of call.argumentTokens) {
      const delta = `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(fragment)}}}]}`;
      steps.push({ data: chunk(delta), token: true });
    }
  }
  steps.push({ data: chunk('{}', `"${finishReason}"`), token: false });
  if (parsed.includeUsage) {
    const usage = JSON.stringify(openaiUsage(plan, parsed.info.model));
    const data = `data: {"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${model},"service_tier":"default","system_fingerprint":"fp_simulator","choices":[],"usage":${usage}}\n\n`;
    steps.push({ data, token: false });
  }
  steps.push({ data: 'data: [DONE]\n\n', token: false });
  return {
    kind: 'stream',
    headers: { ...SSE_HEADERS, ...headers },
    steps,
    completionTokens: plan.completionTokens,
  };
}

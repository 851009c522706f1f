import type { ParsedRequest } from './parsed-request.js';
import type { ReplyPlan } from './plan-reply.js';
import type { ReplyScript, ReplyStep } from './reply-script.js';
import type { SimulatorFinishReason } from './simulator-rule.js';

const FINISH_REASONS: Record<SimulatorFinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

function usageOf(plan: ReplyPlan): object {
  return {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * Writes a planned reply as an OpenAI chat completion: one `chat.completion` JSON body, or a
 * `chat.completion.chunk` SSE stream (role chunk, one delta per token, `tool_calls` fragments,
 * finish chunk, optional usage chunk, `[DONE]`).
 */
export function buildOpenAIReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const id = `chatcmpl-sim${requestNumber}`;
  const created = Math.floor(Date.now() / 1000);
  const model = JSON.stringify(parsed.info.model);
  const finishReason = FINISH_REASONS[plan.finishReason];
  const text = plan.textTokens.join('');
  const headers = { 'x-request-id': `req_sim${requestNumber}` };
  if (!parsed.info.stream) {
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
    const body = `{"id":"${id}","object":"chat.completion","created":${created},"model":${model},"choices":[{"index":0,"message":${JSON.stringify(message)},"logprobs":null,"finish_reason":"${finishReason}"}],"usage":${JSON.stringify(usageOf(plan))},"service_tier":"default","system_fingerprint":"fp_simulator"}`;
    return {
      kind: 'json',
      headers: { 'content-type': 'application/json', ...headers },
      steps: [{ data: body, token: false }],
      completionTokens: plan.completionTokens,
    };
  }
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
    const usage = JSON.stringify(usageOf(plan));
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

import type { ParsedRequest } from './parsed-request.js';
import type { ReplyPlan } from './plan-reply.js';
import type { ReplyScript, ReplyStep } from './reply-script.js';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

function stopReasonOf(plan: ReplyPlan): string {
  switch (plan.finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return plan.stopSequence === null ? 'end_turn' : 'stop_sequence';
  }
}

function usageOf(plan: ReplyPlan, outputTokens: number): object {
  return {
    input_tokens: plan.promptTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
    speed: 'standard',
  };
}

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Writes a planned reply as an Anthropic message: one `message` JSON body, or the SSE event
 * sequence (`message_start`, `content_block_start`, `ping`, `content_block_delta` per token,
 * `content_block_stop`, `message_delta`, `message_stop`).
 */
export function buildAnthropicReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const text = plan.textTokens.join('');
  const withText = text !== '' || plan.toolCalls.length === 0;
  const message = {
    id: `msg_sim${requestNumber}`,
    type: 'message',
    role: 'assistant',
    model: parsed.info.model,
    content: [
      ...(withText ? [{ type: 'text', text, citations: null }] : []),
      ...plan.toolCalls.map((call) => ({
        type: 'tool_use',
        id: `toolu_${call.id}`,
        name: call.name,
        input: JSON.parse(call.arguments) as unknown,
        caller: { type: 'direct' },
      })),
    ],
    stop_reason: stopReasonOf(plan),
    stop_sequence: plan.stopSequence,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: usageOf(plan, plan.completionTokens),
  };
  const headers = { 'request-id': `req_sim${requestNumber}` };
  if (!parsed.info.stream) {
    return {
      kind: 'json',
      headers: { 'content-type': 'application/json', ...headers },
      steps: [{ data: JSON.stringify(message), token: false }],
      completionTokens: plan.completionTokens,
    };
  }
  const start = {
    ...message,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usageOf(plan, 1),
  };
  const steps: ReplyStep[] = [
    { data: event('message_start', { type: 'message_start', message: start }), token: false },
  ];
  const block = (index: number, contentBlock: object, deltas: object[]): void => {
    steps.push({
      data: event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: contentBlock,
      }),
      token: false,
    });
    if (index === 0) steps.push({ data: event('ping', { type: 'ping' }), token: false });
    for (const delta of deltas) {
      steps.push({
        data: event('content_block_delta', { type: 'content_block_delta', index, delta }),
        token: true,
      });
    }
    steps.push({
      data: event('content_block_stop', { type: 'content_block_stop', index }),
      token: false,
    });
  };
  let index = 0;
  if (withText) {
    const deltas = plan.textTokens.map((token) => ({ type: 'text_delta', text: token }));
    block(index++, { type: 'text', text: '', citations: null }, deltas);
  }
  for (const call of plan.toolCalls) {
    const deltas = call.argumentTokens.map((fragment) => ({
      type: 'input_json_delta',
      partial_json: fragment,
    }));
    const contentBlock = {
      type: 'tool_use',
      id: `toolu_${call.id}`,
      name: call.name,
      input: {},
      caller: { type: 'direct' },
    };
    block(index++, contentBlock, deltas);
  }
  const delta = {
    stop_reason: message.stop_reason,
    stop_sequence: plan.stopSequence,
    stop_details: null,
    container: null,
  };
  const usage = {
    input_tokens: plan.promptTokens,
    output_tokens: plan.completionTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    server_tool_use: null,
    output_tokens_details: null,
  };
  steps.push({
    data: event('message_delta', { type: 'message_delta', delta, usage }),
    token: false,
  });
  steps.push({ data: event('message_stop', { type: 'message_stop' }), token: false });
  return {
    kind: 'stream',
    headers: { ...SSE_HEADERS, ...headers },
    steps,
    completionTokens: plan.completionTokens,
  };
}

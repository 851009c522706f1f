import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { ReplyPlan } from '../../wire/reply-plan.js';
import type { ReplyScript, ReplyStep } from '../../wire/reply-script.js';
import { SSE_HEADERS } from '../../wire/sse-headers.js';
import { anthropicDeltaUsage, anthropicMessageUsage } from './anthropic-usage.js';
import { buildAnthropicMessage } from './build-anthropic-message.js';

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Writes a planned reply as the Anthropic SSE event sequence: `message_start`,
 * `content_block_start`, `ping`, `content_block_delta` per token, `content_block_stop`,
 * `message_delta`, `message_stop`.
 */
export function buildAnthropicStreamReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const withText = plan.textTokens.join('') !== '' || plan.toolCalls.length === 0;
  const message = buildAnthropicMessage(plan, parsed, requestNumber);
  const headers = { 'request-id': `req_sim${requestNumber}` };
  const start = {
    ...message,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: anthropicMessageUsage(plan, 1),
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
  const usage = anthropicDeltaUsage(plan);
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

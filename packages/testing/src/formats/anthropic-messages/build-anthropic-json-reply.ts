import type { ParsedRequest } from '../../wire/parsed-request.js';
import type { ReplyPlan } from '../../wire/reply-plan.js';
import type { ReplyScript } from '../../wire/reply-script.js';
import { buildAnthropicMessage } from './build-anthropic-message.js';

/** Writes a planned reply as one Anthropic `message` JSON body. */
export function buildAnthropicJsonReply(
  plan: ReplyPlan,
  parsed: ParsedRequest,
  requestNumber: number,
): ReplyScript {
  const message = buildAnthropicMessage(plan, parsed, requestNumber);
  return {
    kind: 'json',
    headers: { 'content-type': 'application/json', 'request-id': `req_sim${requestNumber}` },
    steps: [{ data: JSON.stringify(message), token: false }],
    completionTokens: plan.completionTokens,
  };
}

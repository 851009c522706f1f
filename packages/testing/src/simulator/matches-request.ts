import type { SimulatorRequestInfo } from './simulator-request-info.js';
import type { RequestMatcher } from './simulator-rule.js';

/** Whether a rule's or fault's `match` selects the request. */
export function matchesRequest(matcher: RequestMatcher, request: SimulatorRequestInfo): boolean {
  if (typeof matcher === 'string') return request.lastUserText.includes(matcher);
  if (matcher instanceof RegExp) {
    // A /g or /y RegExp keeps state between calls; matching must not depend on the last request.
    matcher.lastIndex = 0;
    return matcher.test(request.lastUserText);
  }
  return matcher(request);
}

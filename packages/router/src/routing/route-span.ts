import {
  errorTypeOf,
  kaguraAttributes,
  type OperationSpan,
  startOperationSpan,
} from '@kagura-ts/core';
import type { RouteDecision } from './route-decision.js';

/**
 * Starts the INTERNAL `route {router}` span of one routing decision, as a child of the active
 * span, with the strategy's name. The strategy's calls, and in `run` the chosen agent, run
 * inside it.
 */
export function startRouteSpan(router: string, strategy: string): OperationSpan {
  return startOperationSpan(`route ${router}`, { [kaguraAttributes.routeStrategy]: strategy });
}

/**
 * Records a decision on its route span: the agent, the confidence, the strategy, whether the
 * fallback was chosen, and (`kagura.route.classifier_error`) why the strategy failed.
 */
export function recordRoute(
  operation: OperationSpan,
  decision: RouteDecision,
  extra: Readonly<Record<string, string | number | boolean>> = {},
): void {
  if (!operation.span.isRecording()) return;
  operation.span.setAttributes({
    [kaguraAttributes.routeAgent]: decision.agent,
    [kaguraAttributes.routeConfidence]: decision.confidence,
    [kaguraAttributes.routeStrategy]: decision.strategy,
    [kaguraAttributes.routeFallback]: decision.fallback,
    ...('classifierError' in decision && decision.classifierError !== undefined
      ? { 'kagura.route.classifier_error': errorTypeOf(decision.classifierError) }
      : {}),
    ...extra,
  });
}

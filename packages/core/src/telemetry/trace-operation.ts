import {
  type Attributes,
  context,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { failSpan } from './client-telemetry.js';
import { tracer, tracingActive } from './instruments.js';

// Without an SDK an operation records nothing, so it runs as it is, with no span or context.
const silentOperation: OperationSpan = {
  span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
  run: (fn) => fn(),
  end: () => {},
};

/** A span around an operation of several calls: an agent, a workflow, a parallel map, a route. */
export interface OperationSpan {
  /** The span (non-recording without an OpenTelemetry SDK). */
  readonly span: Span;
  /** Runs `fn` with the span active, so the calls it makes are its children. */
  run<T>(fn: () => T): T;
  /** Ends the span, failed if `error` is given. Later calls do nothing. */
  end(error?: unknown): void;
}

/**
 * Starts a span for an operation made of other calls, as a child of the active span. Kagura's
 * agents, workflows, parallel helpers and routers use it, so a multi-agent run reads as one
 * tree; use it for operations of your own the same way.
 *
 * @example
 * const operation = startOperationSpan('invoke_workflow report', { 'gen_ai.workflow.name': 'report' });
 * try { return await operation.run(() => runSteps()); } catch (error) { operation.end(error); throw error; } finally { operation.end(); }
 */
export function startOperationSpan(
  name: string,
  attributes: Attributes,
  kind: SpanKind = SpanKind.INTERNAL,
): OperationSpan {
  if (!tracingActive()) return silentOperation;
  const span = tracer.startSpan(name, { kind, attributes });
  const active = trace.setSpan(context.active(), span);
  let ended = false;
  return {
    span,
    run: (fn) => context.with(active, fn),
    end: (...args: [unknown?]) => {
      if (ended) return;
      ended = true;
      if (args.length > 0) failSpan(span, args[0]);
      span.end();
    },
  };
}

/**
 * Runs `fn` inside a new operation span (see {@link startOperationSpan}) and ends the span when
 * its promise settles, failed if it rejects.
 */
export async function traceOperation<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const operation = startOperationSpan(name, attributes);
  try {
    return await operation.run(() => fn(operation.span));
  } catch (error) {
    operation.end(error);
    throw error;
  } finally {
    operation.end();
  }
}

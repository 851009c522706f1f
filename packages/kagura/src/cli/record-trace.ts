import { context, type HrTime, trace } from '@opentelemetry/api';
import type { TraceSpan } from './format-trace.js';

/** Spans being recorded in memory, from {@link startTraceRecording}. */
export interface TraceRecording {
  /** Flushes, and returns the spans that ended since the recording started, then forgets them. */
  finish(): Promise<TraceSpan[]>;
}

/**
 * Registers an OpenTelemetry SDK that keeps finished spans in memory: a `BasicTracerProvider`
 * with a `SimpleSpanProcessor` over an `InMemorySpanExporter`, and an
 * `AsyncLocalStorageContextManager` so spans find their parents across `await`. The SDK loads
 * here, when `kagura demo --trace` asks for it, never with a plain `kagura demo` or an import
 * of kagura-ts.
 *
 * @throws Error when an OpenTelemetry tracer provider or context manager is registered already
 *   (e.g. by `NODE_OPTIONS=--import` of an SDK).
 */
export async function startTraceRecording(): Promise<TraceRecording> {
  const [
    { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor },
    { AsyncLocalStorageContextManager },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/context-async-hooks'),
  ]);
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager)) {
    contextManager.disable();
    throw new Error(alreadyRegistered('context manager'));
  }
  if (!trace.setGlobalTracerProvider(provider)) {
    context.disable();
    throw new Error(alreadyRegistered('tracer provider'));
  }
  return {
    async finish() {
      await provider.forceFlush();
      const spans = exporter.getFinishedSpans().map(
        (span): TraceSpan => ({
          name: span.name,
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
          parentSpanId: span.parentSpanContext?.spanId,
          startMs: toMilliseconds(span.startTime),
          endMs: toMilliseconds(span.endTime),
          attributes: span.attributes,
        }),
      );
      exporter.reset();
      return spans;
    },
  };
}

function toMilliseconds([seconds, nanoseconds]: HrTime): number {
  return seconds * 1000 + nanoseconds / 1e6;
}

function alreadyRegistered(what: string): string {
  return (
    `--trace registers its own OpenTelemetry ${what}, but one is registered already ` +
    '(by NODE_OPTIONS --import or --require?): drop --trace to send the spans to yours, or ' +
    'run without that NODE_OPTIONS'
  );
}

import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import * as tracing from '@opentelemetry/sdk-trace-base';
import { createClient, defineAgent, setDefaultClient } from 'kagura-ts';
import { runExample } from './run-example.js';

/** Registers the OpenTelemetry SDK: Kagura's spans then go to `exporter`. */
export function registerTracing(
  exporter: tracing.SpanExporter = new tracing.ConsoleSpanExporter(),
) {
  // The context manager carries the active span across `await`, so a call's span finds its parent.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new tracing.BasicTracerProvider({
      spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
    }),
  );
}

/** The same, sending spans to an OTLP collector (Jaeger, Grafana Tempo, Honeycomb, ...). */
export function registerOtlpTracing(): void {
  const exporter = new OTLPTraceExporter({ url: 'http://localhost:4318/v1/traces' });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new tracing.BasicTracerProvider({ spanProcessors: [new tracing.BatchSpanProcessor(exporter)] }),
  );
}

const describePlace = defineAgent('Describe {{ place }} in one sentence.', {
  model: 'openai:gpt-4o-mini',
  name: 'describe',
});

export async function main(exporter?: tracing.SpanExporter): Promise<void> {
  registerTracing(exporter);
  const client = createClient({
    onEvent(event) {
      if (event.type === 'response') {
        const usd = event.cache === 'hit' ? event.cost.savedUsd : event.cost.usd;
        console.log(`call ${event.callId}: ${event.cache}, $${usd.toFixed(6)}`);
      }
    },
  });
  setDefaultClient(client);
  await describePlace({ place: 'Kyoto' });
  await describePlace({ place: 'Kyoto' });
}

export const replies = [
  {
    match: 'Describe Kyoto',
    reply: 'Kyoto is an old capital of temples, gardens and wooden streets.',
  },
];

await runExample(import.meta.url, () => main(), replies);

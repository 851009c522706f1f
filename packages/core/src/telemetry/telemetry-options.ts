/** How a client reports its calls to OpenTelemetry (see docs/observability.md). */
export interface TelemetryOptions {
  /**
   * `false` makes no spans and records no metrics for this client's calls; `onEvent` and the
   * debug log still work. Without an OpenTelemetry SDK registered, spans and metrics cost next
   * to nothing anyway.
   * @default true
   */
  enabled?: boolean;
  /**
   * Records prompts and answers on the model-call spans (`gen_ai.input.messages`,
   * `gen_ai.output.messages`, `gen_ai.system_instructions`) and tools' arguments and results
   * on tool spans. They may hold personal data: off unless asked for.
   * @default `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` is `true`, else false
   */
  recordContent?: boolean;
}

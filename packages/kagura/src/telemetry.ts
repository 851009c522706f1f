// The `kagura-ts/telemetry` entry: spans of your own around Kagura's, the attribute names Kagura
// writes, and the events `onEvent` receives.
export type {
  CacheResultEvent,
  CallErrorEvent,
  CallEventBase,
  CoalescedJoinEvent,
  FirstTokenEvent,
  KaguraEvent,
  LimiterWaitEvent,
  OperationSpan,
  PromptCacheMissEvent,
  PromptPrefixDifference,
  RequestStartEvent,
  ResponseEvent,
  RetryScheduledEvent,
  TelemetryOptions,
  ToolCallStartEvent,
  ToolResultReportEvent,
} from '@kagura-ts/core';
export {
  genAiAttributes,
  kaguraAttributes,
  startOperationSpan,
  traceOperation,
} from '@kagura-ts/core';

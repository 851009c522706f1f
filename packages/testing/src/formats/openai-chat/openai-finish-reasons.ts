import type { SimulatorFinishReason } from '../../wire/simulator-finish-reason.js';

/** The OpenAI `finish_reason` of each simulator finish reason. */
export const OPENAI_FINISH_REASONS: Readonly<Record<SimulatorFinishReason, string>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

/**
 * Why a simulated reply ended, provider-neutral. Sent as OpenAI `stop` / `length` / `tool_calls` /
 * `content_filter` and Anthropic `end_turn` / `max_tokens` / `tool_use` / `refusal`.
 */
export type SimulatorFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter';

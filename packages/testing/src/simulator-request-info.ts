/** A message of a simulated request, flattened to its role and text. */
export interface SimulatorMessage {
  /** `user`, `assistant`, `tool`, ... as sent (system messages go to `SimulatorRequestInfo.system`). */
  role: string;
  /** The text parts of the message joined with newlines (tool results included). */
  text: string;
}

/** A tool a simulated request offers, in a provider-neutral shape. */
export interface SimulatorTool {
  /** The tool's name. */
  name: string;
  /** The tool's description, if any. */
  description?: string;
  /** The tool's JSON Schema (`parameters` for OpenAI, `input_schema` for Anthropic). */
  inputSchema: unknown;
}

/** What rules and fault matchers see of a chat request, whichever API it came through. */
export interface SimulatorRequestInfo {
  /** The API the request used. */
  api: 'openai' | 'anthropic';
  /** The requested model id. */
  model: string;
  /** System (and OpenAI developer) text joined with newlines; `''` when there is none. */
  system: string;
  /** The conversation messages, without system messages. */
  messages: SimulatorMessage[];
  /** The text of the last user message (rules match against it); `''` when there is none. */
  lastUserText: string;
  /** The tools offered. */
  tools: SimulatorTool[];
  /** Whether a stream was requested. */
  stream: boolean;
  /** `max_tokens` (or OpenAI `max_completion_tokens`), when given. */
  maxTokens: number | undefined;
  /** The parsed request body as sent. */
  body: Record<string, unknown>;
}

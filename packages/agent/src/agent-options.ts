import type {
  CacheControl,
  Client,
  LLMConfig,
  Schema,
  SchemaOptions,
  Tool,
  ToolDefinition,
} from '@kagura-ts/core';

/** Options of an agent, for `@agent(...)` and `defineAgent(...)`. */
export interface AgentOptions<S extends Schema | undefined = Schema | undefined>
  extends Omit<LLMConfig, 'tools'>,
    SchemaOptions {
  /**
   * Tools the agent may call: tools (`defineTool`), bare definitions, or the names of `@tool`
   * methods on the agent's own class. Executable tools make the agent run the tool loop.
   */
  tools?: Array<Tool | ToolDefinition | string>;
  /** The agent's name, for routing and cache metadata. @default the method's name */
  name?: string;
  /** What the agent does, for routers choosing between agents. */
  description?: string;
  /**
   * A system instruction; a Nunjucks template rendered with the same variables as the prompt.
   * It is compiled as code, so write it in the source: text from users, files or the
   * environment belongs in `config.system` (inserted as text) or in a variable.
   */
  system?: string;
  /** Return an `LLMStream` of text deltas instead of a promise. @default false */
  stream?: boolean;
  /** Cache controls for the agent's calls. */
  cache?: CacheControl;
  /**
   * An `LLMConfig` whose fields override the agent's own (e.g. loaded from a file). Its values
   * are data: `config.system` replaces the agent's `system` and is sent as given, never
   * rendered as a template.
   */
  config?: LLMConfig;
  /** The client to call through. @default the default client */
  client?: Client;
  /**
   * A Standard Schema validator (zod, valibot, ...): the reply is requested as JSON,
   * validated, and returned typed. An invalid reply throws `OutputParseError`.
   */
  schema?: S;
}

/** Per-call options of an agent created with `defineAgent`. */
export interface AgentCallOptions {
  /** Cancels the call. */
  abortSignal?: AbortSignal;
  /** Cache controls for this call only. */
  cache?: CacheControl;
}

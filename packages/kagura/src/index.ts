import './register-default-client';

export type {
  AgentCallOptions,
  AgentDecorator,
  AgentDescriptor,
  AgentFunction,
  AgentOptions,
  TemplateErrorOptions,
} from '@kagura/agent';
export {
  agent,
  defineAgent,
  getAgents,
  PromptTemplate,
  prompt,
  renderTemplate,
  TemplateError,
} from '@kagura/agent';
export type { AnthropicProviderOptions } from '@kagura/anthropic';
export { createAnthropic } from '@kagura/anthropic';
export type {
  AssistantMessage,
  CacheControl,
  CallLLMOptions,
  CallOptions,
  Client,
  ClientOptions,
  FinishReason,
  ImagePart,
  InferSchema,
  JSONSchema,
  LanguageModel,
  LLMConfig,
  LLMResponse,
  Message,
  ModelRequest,
  ModelResult,
  OutputIssue,
  Prompt,
  Provider,
  ResponseFormat,
  Schema,
  SchemaOptions,
  StreamEvent,
  SystemMessage,
  TextPart,
  ToolCallPart,
  ToolChoice,
  ToolDefinition,
  ToolMessage,
  ToolResultPart,
  Usage,
  UserMessage,
} from '@kagura/core';
export {
  AbortError,
  APICallError,
  callLLM,
  callLLMStream,
  getDefaultClient,
  InvalidArgumentError,
  KaguraError,
  LLMStream,
  LoadAPIKeyError,
  NoSuchProviderError,
  OutputParseError,
  setDefaultClient,
  streamToString,
} from '@kagura/core';
export type { OpenAIProviderOptions } from '@kagura/openai';
export { createOpenAI } from '@kagura/openai';
export type { KaguraClientOptions } from './create-client';
export { createClient } from './create-client';

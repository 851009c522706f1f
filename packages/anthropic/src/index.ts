export type { AnthropicLanguageModel } from './anthropic-language-model';
export type { AnthropicProviderOptions } from './anthropic-provider';
export { createAnthropic } from './anthropic-provider';

export type { AnthropicLanguageModel } from './anthropic-language-model.js';
export type { AnthropicProviderOptions } from './anthropic-provider.js';
export { createAnthropic } from './anthropic-provider.js';

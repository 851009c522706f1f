export type { OpenAILanguageModel } from './openai-language-model.js';
export type { OpenAIProviderOptions } from './openai-provider.js';
export { createOpenAI } from './openai-provider.js';

export type { OpenAILanguageModel } from './openai-language-model';
export type { OpenAIProviderOptions } from './openai-provider';
export { createOpenAI } from './openai-provider';

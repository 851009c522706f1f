import { describeProviderConformance } from '@kagura-ts/testing/vitest';
import { createOpenAI } from './openai-provider.js';

describeProviderConformance({
  name: 'openai',
  modelId: 'gpt-4o-mini',
  createProvider: (simulator) =>
    createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' }),
});

// An OpenAI-compatible server (Ollama, vLLM) goes through the same adapter with another name,
// `max_tokens` and no key.
describeProviderConformance({
  name: 'openai-compatible',
  modelId: 'llama3.2:3b',
  createProvider: (simulator) => createOpenAI({ name: 'ollama', baseURL: simulator.openaiBaseURL }),
});

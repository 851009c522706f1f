import {
  createAnthropic,
  createClient,
  createOpenAI,
  getDefaultClient,
  setDefaultClient,
} from 'kagura-ts';
import { runExample } from './run-example.js';

export function configureProviders(): void {
  const client = createClient({
    // OpenAI and Anthropic read OPENAI_API_KEY / ANTHROPIC_API_KEY (and *_BASE_URL) by default.
    anthropic: { defaultMaxTokens: 2048 },
    providers: {
      // Any OpenAI-compatible server, named by its prefix: 'ollama:llama3.2', 'vllm:qwen3-8b'.
      ollama: createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }),
      vllm: createOpenAI({
        name: 'vllm',
        baseURL: 'http://localhost:8000/v1',
        apiKey: process.env.VLLM_API_KEY,
      }),
      // A second Anthropic account, kept apart from the first.
      research: createAnthropic({ name: 'research', apiKey: process.env.RESEARCH_ANTHROPIC_KEY }),
    },
    model: 'ollama:llama3.2',
  });
  setDefaultClient(client);
}

export async function main(): Promise<void> {
  configureProviders();
  const client = getDefaultClient();
  console.log(`providers: ${client.providers.join(', ')}`);
  // Where each name goes; nothing is sent, so no local server needs to run.
  for (const name of [undefined, 'vllm:qwen3-8b', 'ollama:llama3.2:3b', 'claude-haiku-4-5']) {
    const model = client.resolveModel(name);
    console.log(`${name ?? '(the default model)'} -> ${model.provider}, model ${model.modelId}`);
  }
}

await runExample(import.meta.url, main);

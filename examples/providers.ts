import { createAnthropic, createClient, createOpenAI, setDefaultClient } from 'kagura-ts';

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

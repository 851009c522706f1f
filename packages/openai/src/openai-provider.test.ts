import { APICallError, LoadAPIKeyError } from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenAI } from './openai-provider.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  // Each test states the environment it needs; none leaks in from the machine.
  for (const variable of [
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'OPENAI_ORG_ID',
    'OPENAI_PROJECT_ID',
  ]) {
    vi.stubEnv(variable, '');
  }
});
afterEach(() => vi.unstubAllEnvs());

const hello = { messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('createOpenAI', () => {
  it('should create a provider and models without a key', () => {
    const provider = createOpenAI();
    expect(provider.name).toBe('openai');
    expect(provider.languageModel('gpt-4o-mini')).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
    });
  });

  it('should throw LoadAPIKeyError on the first call to OpenAI without a key, sending nothing', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    for (const options of [{}, { baseURL: 'https://api.openai.com/v1' }]) {
      const model = createOpenAI({ ...options, fetch: fetchSpy }).languageModel('gpt-4o-mini');
      for (const call of [() => model.generate(hello), () => model.stream(hello)]) {
        const error = await call().catch((error: unknown) => error);
        expect(LoadAPIKeyError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ provider: 'openai', environmentVariable: 'OPENAI_API_KEY' });
      }
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('should call a server named by OPENAI_BASE_URL alone with a placeholder key', async () => {
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    const provider = createOpenAI();
    const result = await provider.languageModel('qwen3:8b').generate(hello);
    expect(result.text).not.toBe('');
    expect(simulator.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: { model: 'qwen3:8b' },
      headers: { authorization: 'Bearer kagura-no-key' },
    });
  });

  it('should send OPENAI_API_KEY to the server of OPENAI_BASE_URL when both are set', async () => {
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    vi.stubEnv('OPENAI_API_KEY', 'sk-for-the-proxy');
    await createOpenAI().languageModel('gpt-4o-mini').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-for-the-proxy');
  });

  it('should read the key and base URL from OPENAI_API_KEY and OPENAI_BASE_URL', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    await createOpenAI().languageModel('gpt-4o-mini').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('should let an explicit key win over OPENAI_API_KEY', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    const provider = createOpenAI({ apiKey: 'sk-explicit', baseURL: simulator.openaiBaseURL });
    await provider.languageModel('gpt-4o-mini').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-explicit');
  });

  it('should call a compatible server with no key, without sending OPENAI_API_KEY', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-secret-openai-key');
    const ollama = createOpenAI({ name: 'ollama', baseURL: simulator.openaiBaseURL });
    const result = await ollama.languageModel('llama3.2:3b').generate(hello);
    expect(result.text).not.toBe('');
    expect(simulator.requests[0]?.headers.authorization).not.toContain('sk-secret-openai-key');
  });

  it('should send the organization, project and headers it was given', async () => {
    const provider = createOpenAI({
      apiKey: 'sk-test',
      baseURL: simulator.openaiBaseURL,
      organization: 'org-1',
      project: 'proj-1',
      headers: { 'x-team': 'search' },
    });
    await provider.languageModel('gpt-4o-mini').generate(hello, { headers: { 'x-call': '1' } });
    expect(simulator.requests[0]?.headers).toMatchObject({
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      'x-team': 'search',
      'x-call': '1',
    });
  });

  it('should use a prebuilt client as is', async () => {
    const client = new OpenAI({
      apiKey: 'sk-prebuilt',
      baseURL: simulator.openaiBaseURL,
      maxRetries: 0,
    });
    await createOpenAI({ client }).languageModel('gpt-4o-mini').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-prebuilt');
  });

  it('should map the errors of a prebuilt client to Kagura errors', async () => {
    const client = new OpenAI({
      apiKey: 'sk-prebuilt',
      baseURL: simulator.openaiBaseURL,
      maxRetries: 0,
    });
    simulator.injectFault({ type: 'status', status: 429, retryAfterSeconds: 2 });
    const model = createOpenAI({ client }).languageModel('gpt-4o-mini');
    const error = await model.generate(hello).catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, retryAfterMs: 2000 });
  });

  it('should answer concurrent first calls of a new provider', async () => {
    const fetchSpy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const model = createOpenAI({
      apiKey: 'sk-test',
      baseURL: simulator.openaiBaseURL,
      fetch: fetchSpy,
    }).languageModel('gpt-4o-mini');
    const [generated, streamed] = await Promise.all([model.generate(hello), model.stream(hello)]);
    expect(generated.text).not.toBe('');
    for await (const _event of streamed);
    expect(simulator.requests).toHaveLength(2);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it('should send requests through the given fetch', async () => {
    const fetchSpy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const provider = createOpenAI({
      apiKey: 'sk-test',
      baseURL: simulator.openaiBaseURL,
      fetch: fetchSpy,
    });
    await provider.languageModel('gpt-4o-mini').generate(hello);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(simulator.requests).toHaveLength(1);
  });
});

describe('isKnownModel', () => {
  it("should claim OpenAI's model families for the 'openai' provider", () => {
    const provider = createOpenAI();
    for (const modelId of [
      'gpt-4o-mini',
      'gpt-5',
      'o1',
      'o3-mini',
      'o4-mini',
      'chatgpt-4o-latest',
    ]) {
      expect(provider.isKnownModel?.(modelId)).toBe(true);
    }
    for (const modelId of ['claude-haiku-4-5', 'llama3.2:3b', 'omni', 'text']) {
      expect(provider.isKnownModel?.(modelId)).toBe(false);
    }
  });

  it("should claim every bare name for 'openai' pointed at another server", () => {
    vi.stubEnv('OPENAI_BASE_URL', 'http://localhost:11434/v1');
    const fromEnvironment = createOpenAI();
    const fromOptions = createOpenAI({ baseURL: 'http://localhost:8000/v1' });
    for (const modelId of ['qwen3:8b', 'llama3.2:3b', 'gpt-4o-mini', 'mistral']) {
      expect(fromEnvironment.isKnownModel?.(modelId)).toBe(true);
      expect(fromOptions.isKnownModel?.(modelId)).toBe(true);
    }
    vi.stubEnv('OPENAI_BASE_URL', 'https://api.openai.com/v1');
    expect(createOpenAI().isKnownModel?.('qwen3:8b')).toBe(false);
  });

  it('should claim no bare names for a compatible provider', () => {
    const provider = createOpenAI({ name: 'ollama', baseURL: 'http://localhost:11434/v1' });
    expect(provider.isKnownModel?.('gpt-4o-mini')).toBe(false);
    expect(provider.isKnownModel?.('llama3.2')).toBe(false);
  });

  it('should use the given override', () => {
    const provider = createOpenAI({ isKnownModel: (modelId) => modelId.startsWith('llama') });
    expect(provider.isKnownModel?.('llama3.2')).toBe(true);
    expect(provider.isKnownModel?.('gpt-4o')).toBe(false);
  });
});

describe('tenantScope', () => {
  function scopeOf(options: Parameters<typeof createOpenAI>[0]): string | undefined {
    return createOpenAI(options).languageModel('gpt-4o-mini').tenantScope;
  }

  it('should differ by key and by base URL, and never contain the key', () => {
    const base = scopeOf({ apiKey: 'sk-alpha-secret', baseURL: 'https://a.example/v1' });
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(base).not.toContain('sk-alpha-secret');
    expect(scopeOf({ apiKey: 'sk-alpha-secret', baseURL: 'https://a.example/v1' })).toBe(base);
    expect(scopeOf({ apiKey: 'sk-beta-secret', baseURL: 'https://a.example/v1' })).not.toBe(base);
    expect(scopeOf({ apiKey: 'sk-alpha-secret', baseURL: 'https://b.example/v1' })).not.toBe(base);
    expect(
      scopeOf({ apiKey: 'sk-alpha-secret', baseURL: 'https://a.example/v1', project: 'p' }),
    ).not.toBe(base);
  });

  it('should resolve the key and base URL from the environment like the SDK', () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-env');
    vi.stubEnv('OPENAI_BASE_URL', 'https://env.example/v1');
    const fromEnvironment = scopeOf({});
    expect(fromEnvironment).toBe(scopeOf({ apiKey: 'sk-env', baseURL: 'https://env.example/v1' }));
    vi.stubEnv('OPENAI_API_KEY', 'sk-other');
    expect(scopeOf({})).not.toBe(fromEnvironment);
  });

  it('should stay the same once the client is built', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-env');
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    const model = createOpenAI().languageModel('gpt-4o-mini');
    const before = model.tenantScope;
    await model.generate(hello);
    expect(model.tenantScope).toBe(before);
  });
});

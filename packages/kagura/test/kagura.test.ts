import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDemo } from '../src/cli/run-demo.js';
import {
  agent,
  callLLM,
  createClient,
  LoadAPIKeyError,
  NoSuchProviderError,
  prompt,
  setDefaultClient,
} from '../src/index.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});

afterAll(async () => {
  await simulator.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
  setDefaultClient(undefined);
  simulator.reset();
});

describe('default client', () => {
  it('should be created on first use from the SDKs environment variables', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    vi.stubEnv('KAGURA_MODEL', '');
    simulator.addRule({ match: 'env', reply: 'configured from the environment' });
    class Reader {
      @agent()
      read(topic: string): Promise<string> {
        return prompt`Read the {{ topic }}.`;
      }
    }
    await expect(new Reader().read('env')).resolves.toBe('configured from the environment');
    const request = simulator.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-from-env');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('should fail with LoadAPIKeyError, before any request, when no key is set for OpenAI', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    await expect(callLLM('Hello', { model: 'openai:gpt-4o-mini' })).rejects.toSatisfy(
      LoadAPIKeyError.isInstance,
    );
  });
});

describe('a local OpenAI-compatible server configured by the environment alone', () => {
  function useLocalServer(model: string): void {
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('KAGURA_MODEL', model);
  }

  it('should send KAGURA_MODEL with a tag as is, with a placeholder key', async () => {
    useLocalServer('qwen3:8b');
    class Local {
      @agent()
      greet(name: string): Promise<string> {
        return prompt`Say hello to {{ name }}.`;
      }
    }
    await expect(new Local().greet('Ada')).resolves.toBeTypeOf('string');
    expect(simulator.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      body: { model: 'qwen3:8b' },
      headers: { authorization: 'Bearer kagura-no-key' },
    });
  });

  it('should route tagged, prefixed and bare names to it', async () => {
    useLocalServer('');
    for (const model of ['llama3.2:3b', 'openai:qwen3:8b', 'mistral', 'gpt-4o-mini']) {
      await callLLM('Hello', { model });
    }
    expect(simulator.requests.map((request) => (request.body as { model: string }).model)).toEqual([
      'llama3.2:3b',
      'qwen3:8b',
      'mistral',
      'gpt-4o-mini',
    ]);
  });

  it("should leave another provider's names with it, and name a mistyped provider", async () => {
    useLocalServer('qwen3:8b');
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant');
    vi.stubEnv('ANTHROPIC_BASE_URL', simulator.anthropicBaseURL);
    await callLLM('Hello', { model: 'claude-haiku-4-5' });
    expect(simulator.requests.map((request) => request.api)).toEqual(['anthropic']);
    await expect(callLLM('Hello', { model: 'antropic:claude-haiku-4-5' })).rejects.toSatisfy(
      (error: unknown) => NoSuchProviderError.isInstance(error) && error.provider === 'antropic',
    );
  });
});

describe('createClient', () => {
  it('should configure both providers and resolve bare known names', async () => {
    const client = createClient({
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'a' },
      anthropic: { baseURL: simulator.anthropicBaseURL, apiKey: 'b' },
    });
    expect(client.providers).toEqual(['openai', 'anthropic']);
    await client.call('Hi', { model: 'claude-haiku-4-5' });
    await client.call('Hi', { model: 'gpt-4o-mini' });
    expect(simulator.requests.map((request) => request.api)).toEqual(['anthropic', 'openai']);
  });

  it('should list the configured providers for an unknown one', async () => {
    vi.stubEnv('OPENAI_BASE_URL', '');
    const client = createClient({ anthropic: false, openai: { apiKey: 'a' } });
    await expect(client.call('Hi', { model: 'mistral:large' })).rejects.toSatisfy(
      (error: unknown) =>
        NoSuchProviderError.isInstance(error) &&
        /Configured providers: openai\./.test(error.message),
    );
  });

  it('should not suggest a provider named after a model tag', async () => {
    vi.stubEnv('OPENAI_BASE_URL', '');
    const client = createClient({ anthropic: false, openai: { apiKey: 'a' } });
    const error = await client.call('Hi', { model: 'qwen3:8b' }).catch((caught) => caught);
    expect(NoSuchProviderError.isInstance(error)).toBe(true);
    expect(error.message).toContain("'openai:qwen3:8b'");
    expect(error.message).toContain('OPENAI_BASE_URL');
    expect(error.message).not.toMatch(/providers: \{ qwen3/);
  });
});

describe('runDemo', () => {
  it('should say it uses the simulator and tour text, schema and stream agents', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    let output = '';
    await runDemo({ write: (text) => (output += text), simulatorLatency: 'none' });
    expect(output).toMatch(
      /^Using the bundled LLM simulator at http:\/\/127\.0\.0\.1:\d+ \(no API key needed\): no OPENAI_API_KEY, ANTHROPIC_API_KEY or OPENAI_BASE_URL is set\./,
    );
    expect(output).toContain('Bonjour le monde');
    expect(output).toContain('Augusta Ada King, Countess of Lovelace, born 1815');
    expect(output).toMatch(/first token after \d+ ms; \d+ tokens in/);
    expect(output).toMatch(/-> trip-desk \(keyword, confidence 0\.\d\d\)/);
    expect(output).toContain('Budget about 12,000 yen a day');
    expect(output).toMatch(/calls to the model {3}cold 4, warm 0 \(4 answered from the cache/);
    expect(output).toMatch(
      /parallel vs serial {3}3 specialists in .+ side by side; one after another/,
    );
  });
});

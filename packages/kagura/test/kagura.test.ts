import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

  it('should fail with LoadAPIKeyError, before any request, when no key is set', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    await expect(callLLM('Hello', { model: 'openai:gpt-4o-mini' })).rejects.toSatisfy(
      LoadAPIKeyError.isInstance,
    );
    expect(simulator.requests).toHaveLength(0);
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
    const client = createClient({
      anthropic: false,
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'a' },
    });
    await expect(client.call('Hi', { model: 'mistral:large' })).rejects.toSatisfy(
      (error: unknown) =>
        NoSuchProviderError.isInstance(error) &&
        /Configured providers: openai\./.test(error.message),
    );
  });
});

describe('runDemo', () => {
  it('should say it uses the simulator and tour text, schema and stream agents', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    let output = '';
    await runDemo({ write: (text) => (output += text) });
    expect(output).toMatch(
      /^No OPENAI_API_KEY or ANTHROPIC_API_KEY is set, so this demo uses the bundled LLM simulator at http:\/\/127\.0\.0\.1:\d+\./,
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

describe('kagura CLI', () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const run = promisify(execFile);
  const node = (args: string[]) =>
    run(process.execPath, ['--conditions=@kagura-ts/source', '--import', 'tsx', cli, ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });

  it('should print help and reject an unknown command or a bad port', async () => {
    expect((await node(['help'])).stdout).toContain('Usage: kagura <command>');
    await expect(node(['fly'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown command 'fly'"),
    });
    await expect(node(['sim', '--port', 'abc'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--port must be a whole number from 0 to 65535, got 'abc'"),
    });
  });
});

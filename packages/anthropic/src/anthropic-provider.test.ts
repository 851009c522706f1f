import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { APICallError, InvalidArgumentError, LoadAPIKeyError } from '@kagura-ts/core';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnthropic } from './anthropic-provider.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.reset();
  // No credential leaks in from the machine: no key, no token, no profile, an empty config dir.
  for (const variable of [
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'ANTHROPIC_BASE_URL',
    'ANTHROPIC_PROFILE',
    'ANTHROPIC_FEDERATION_RULE_ID',
    'ANTHROPIC_ORGANIZATION_ID',
    'ANTHROPIC_IDENTITY_TOKEN',
    'ANTHROPIC_IDENTITY_TOKEN_FILE',
  ]) {
    vi.stubEnv(variable, '');
  }
  vi.stubEnv('ANTHROPIC_CONFIG_DIR', mkdtempSync(join(tmpdir(), 'kagura-anthropic-')));
});
afterEach(() => vi.unstubAllEnvs());

const hello = { messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('createAnthropic', () => {
  it('should create a provider and models without a key', () => {
    const provider = createAnthropic();
    expect(provider.name).toBe('anthropic');
    expect(provider.languageModel('claude-haiku-4-5')).toMatchObject({
      provider: 'anthropic',
      modelId: 'claude-haiku-4-5',
    });
  });

  it('should throw LoadAPIKeyError on the first call without a key, sending nothing', async () => {
    const model = createAnthropic({ baseURL: simulator.anthropicBaseURL }).languageModel(
      'claude-haiku-4-5',
    );
    for (const call of [() => model.generate(hello), () => model.stream(hello)]) {
      const error = await call().catch((error: unknown) => error);
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        provider: 'anthropic',
        environmentVariable: 'ANTHROPIC_API_KEY',
      });
    }
    expect(simulator.requests).toHaveLength(0);
  });

  it('should read the key and base URL from ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-env');
    vi.stubEnv('ANTHROPIC_BASE_URL', simulator.anthropicBaseURL);
    await createAnthropic().languageModel('claude-haiku-4-5').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-ant-from-env');
  });

  it('should send an auth token, and headers given to the provider and to the call', async () => {
    const provider = createAnthropic({
      authToken: 'oauth-token',
      baseURL: simulator.anthropicBaseURL,
      headers: { 'anthropic-beta': 'some-beta' },
    });
    await provider.languageModel('claude-haiku-4-5').generate(hello, {
      headers: { 'x-call': '1' },
    });
    expect(simulator.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer oauth-token',
      'anthropic-beta': 'some-beta',
      'x-call': '1',
    });
  });

  it('should refuse a key and a token together on the first call', async () => {
    const provider = createAnthropic({
      apiKey: 'sk-ant-secret',
      authToken: 'token',
      baseURL: simulator.anthropicBaseURL,
    });
    const error = await provider
      .languageModel('claude-haiku-4-5')
      .generate(hello)
      .catch((error: unknown) => error);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).not.toContain('sk-ant-secret');
    expect(simulator.requests).toHaveLength(0);
  });

  it('should use a prebuilt client as is', async () => {
    const client = new Anthropic({
      apiKey: 'sk-ant-prebuilt',
      baseURL: simulator.anthropicBaseURL,
      maxRetries: 0,
    });
    await createAnthropic({ client }).languageModel('claude-haiku-4-5').generate(hello);
    expect(simulator.requests[0]?.headers.authorization).toBe('Bearer sk-ant-prebuilt');
  });

  it('should map the errors of a prebuilt client to Kagura errors', async () => {
    const client = new Anthropic({
      apiKey: 'sk-ant-prebuilt',
      baseURL: simulator.anthropicBaseURL,
      maxRetries: 0,
    });
    simulator.injectFault({ type: 'status', status: 529 });
    const model = createAnthropic({ client }).languageModel('claude-haiku-4-5');
    const error = await model.generate(hello).catch((error: unknown) => error);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 529, isRetryable: true });
  });

  it('should answer concurrent first calls of a new provider', async () => {
    const fetchSpy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const model = createAnthropic({
      apiKey: 'sk-ant-test',
      baseURL: simulator.anthropicBaseURL,
      fetch: fetchSpy,
    }).languageModel('claude-haiku-4-5');
    const [generated, streamed] = await Promise.all([model.generate(hello), model.stream(hello)]);
    expect(generated.text).not.toBe('');
    for await (const _event of streamed);
    expect(simulator.requests).toHaveLength(2);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });
});

describe('isKnownModel', () => {
  it('should claim claude-* names', () => {
    const provider = createAnthropic();
    expect(provider.isKnownModel?.('claude-haiku-4-5')).toBe(true);
    expect(provider.isKnownModel?.('claude-opus-5')).toBe(true);
    expect(provider.isKnownModel?.('gpt-4o')).toBe(false);
  });

  it('should claim no bare names for a provider with another name', () => {
    const provider = createAnthropic({ name: 'research' });
    expect(provider.isKnownModel?.('claude-haiku-4-5')).toBe(false);
  });

  it('should use the given override', () => {
    const provider = createAnthropic({ isKnownModel: () => false });
    expect(provider.isKnownModel?.('claude-haiku-4-5')).toBe(false);
  });
});

describe('tenantScope', () => {
  function scopeOf(options: Parameters<typeof createAnthropic>[0]): string | undefined {
    return createAnthropic(options).languageModel('claude-haiku-4-5').tenantScope;
  }

  it('should differ by key and by base URL, and never contain the key', () => {
    const base = scopeOf({ apiKey: 'sk-ant-alpha', baseURL: 'https://a.example' });
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(base).not.toContain('sk-ant-alpha');
    expect(scopeOf({ apiKey: 'sk-ant-alpha', baseURL: 'https://a.example' })).toBe(base);
    expect(scopeOf({ apiKey: 'sk-ant-beta', baseURL: 'https://a.example' })).not.toBe(base);
    expect(scopeOf({ apiKey: 'sk-ant-alpha', baseURL: 'https://b.example' })).not.toBe(base);
    expect(scopeOf({ authToken: 'sk-ant-alpha', baseURL: 'https://a.example' })).not.toBe(base);
  });

  it('should resolve the key and base URL from the environment like the SDK', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-env');
    vi.stubEnv('ANTHROPIC_BASE_URL', simulator.anthropicBaseURL);
    const model = createAnthropic().languageModel('claude-haiku-4-5');
    const before = model.tenantScope;
    expect(before).toBe(scopeOf({ apiKey: 'sk-ant-env', baseURL: simulator.anthropicBaseURL }));
    await model.generate(hello);
    expect(model.tenantScope).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import { describeEndpoint } from './describe-endpoint.js';

describe('describeEndpoint', () => {
  it('should name OpenAI when no other base URL is set', () => {
    for (const environment of [{}, { OPENAI_BASE_URL: 'https://api.openai.com/v1' }]) {
      expect(describeEndpoint({ provider: 'openai', modelId: 'gpt-4o-mini', environment })).toEqual(
        {
          kind: 'openai',
          baseURL: 'https://api.openai.com/v1',
          text: 'Using OpenAI at https://api.openai.com/v1, model gpt-4o-mini.',
        },
      );
    }
  });

  it('should name an OpenAI-compatible server and whether a key is sent', () => {
    const local = { OPENAI_BASE_URL: 'http://localhost:11434/v1' };
    expect(
      describeEndpoint({ provider: 'openai', modelId: 'qwen3:8b', environment: local }),
    ).toEqual({
      kind: 'openai-compatible',
      baseURL: 'http://localhost:11434/v1',
      text: 'Using an OpenAI-compatible server at http://localhost:11434/v1 (OPENAI_BASE_URL), model qwen3:8b, no API key sent.',
    });
    const withKey = { ...local, OPENAI_API_KEY: 'sk-1' };
    expect(
      describeEndpoint({ provider: 'openai', modelId: 'qwen3:8b', environment: withKey }).text,
    ).toMatch(/, sending OPENAI_API_KEY to it\.$/);
  });

  it('should say when the server is a Kagura LLM simulator', () => {
    const environment = { OPENAI_BASE_URL: 'http://127.0.0.1:8787/v1' };
    expect(
      describeEndpoint({ provider: 'openai', modelId: 'm', environment, kaguraSimulator: true })
        .text,
    ).toBe(
      'Using a Kagura LLM simulator (kagura sim) at http://127.0.0.1:8787/v1 (OPENAI_BASE_URL), model m, no API key sent; its replies are not written by a real model.',
    );
  });

  it('should print no credentials, query or fragment of the base URL', () => {
    const environment = { OPENAI_BASE_URL: 'https://user:secret@proxy.example:8443/v1?key=sk-1#x' };
    const { text, baseURL } = describeEndpoint({ provider: 'openai', modelId: 'm', environment });
    expect(baseURL).toBe('https://proxy.example:8443/v1');
    expect(text).not.toMatch(/secret|user|sk-1/);
  });

  it('should name Anthropic and its base URL', () => {
    expect(
      describeEndpoint({ provider: 'anthropic', modelId: 'claude-haiku-4-5', environment: {} })
        .text,
    ).toBe('Using Anthropic at https://api.anthropic.com, model claude-haiku-4-5.');
    const environment = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:8787' };
    expect(describeEndpoint({ provider: 'anthropic', modelId: 'c', environment }).baseURL).toBe(
      'http://127.0.0.1:8787',
    );
  });
});

import type { LanguageModel, Provider } from '@kagura-ts/provider';
import { InvalidArgumentError, NoSuchProviderError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { resolveModel } from './resolve-model.js';

function fakeProvider(name: string, isKnownModel?: (id: string) => boolean): Provider {
  return {
    name,
    isKnownModel,
    languageModel: (modelId) => ({ provider: name, modelId }) as LanguageModel,
  };
}

function catchError(resolve: () => unknown): NoSuchProviderError {
  try {
    resolve();
  } catch (error) {
    if (NoSuchProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a NoSuchProviderError');
}

const providers = new Map<string, Provider>([
  ['openai', fakeProvider('openai', (id) => id.startsWith('gpt-'))],
  ['anthropic', fakeProvider('anthropic', (id) => id.startsWith('claude-'))],
  ['ollama', fakeProvider('ollama')],
]);

describe('resolveModel', () => {
  it('should resolve provider:model, keeping colons in the model id', () => {
    expect(resolveModel('openai:gpt-4o-mini', providers)).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
    });
    expect(resolveModel('ollama:llama3.2:3b', providers)).toMatchObject({
      provider: 'ollama',
      modelId: 'llama3.2:3b',
    });
  });

  it('should resolve a bare known name to its provider', () => {
    expect(resolveModel('claude-haiku-4-5', providers)).toMatchObject({ provider: 'anthropic' });
    expect(resolveModel('gpt-4o', providers)).toMatchObject({ provider: 'openai' });
  });

  it('should name an unknown provider and list the configured ones', () => {
    try {
      resolveModel('mistral:large', providers);
      expect.unreachable();
    } catch (error) {
      expect(NoSuchProviderError.isInstance(error)).toBe(true);
      expect((error as NoSuchProviderError).provider).toBe('mistral');
      expect((error as Error).message).toContain('Configured providers: openai, anthropic, ollama');
    }
  });

  it('should give a tagged name whose prefix is no provider to the provider that claims it', () => {
    const compatible = new Map<string, Provider>([
      ['openai', fakeProvider('openai', () => true)],
      ['anthropic', fakeProvider('anthropic', (id) => id.startsWith('claude-'))],
    ]);
    for (const name of ['qwen3:8b', 'llama3.2:3b', 'mistral:large']) {
      expect(resolveModel(name, compatible)).toMatchObject({ provider: 'openai', modelId: name });
    }
    expect(resolveModel('openai:qwen3:8b', compatible)).toMatchObject({ modelId: 'qwen3:8b' });
  });

  it('should say how to route a model with a tag, never to add a provider named after it', () => {
    for (const name of ['qwen3:8b', 'mistral:7b', 'gemma3n:e2b', 'phi4:latest']) {
      const error = catchError(() => resolveModel(name, providers));
      expect(error.provider).toBe(name.slice(0, name.indexOf(':')));
      expect(error.message).toContain(`reads as a model with a tag`);
      expect(error.message).toContain('OPENAI_BASE_URL');
      expect(error.message).toContain(`'ollama:${name}'`);
      expect(error.message).not.toContain('providers: {');
    }
    const bare = catchError(() => resolveModel('llama3.2:3b', new Map()));
    expect(bare.message).toContain("e.g. 'openai:llama3.2:3b'");
    expect(bare.message).toContain('OPENAI_BASE_URL');
  });

  it('should name every provider that claims a bare name when several do', () => {
    const both = new Map<string, Provider>([
      ['openai', fakeProvider('openai', () => true)],
      ['anthropic', fakeProvider('anthropic', (id) => id.startsWith('claude-'))],
    ]);
    const error = catchError(() => resolveModel('claude-haiku-4-5', both));
    expect(error.claimingProviders).toEqual(['openai', 'anthropic']);
    expect(error.message).toContain('claimed by several providers (openai, anthropic)');
    expect(error.message).toContain("'anthropic:claude-haiku-4-5'");
  });

  it('should ask for a prefix when no provider claims a bare name', () => {
    expect(() => resolveModel('llama3.2:3b', providers)).toThrow(/Write it as 'provider:model'/);
    expect(() => resolveModel(undefined, providers)).toThrow(/no model was given/);
  });
});

describe('resolveModel with a malformed name', () => {
  function refusal(name: unknown): InvalidArgumentError {
    try {
      resolveModel(name as string, providers);
    } catch (error) {
      if (InvalidArgumentError.isInstance(error)) return error;
      throw error;
    }
    throw new Error(`expected ${JSON.stringify(name)} to be refused`);
  }

  it.each([
    ['openai::gpt-4o-mini', "e.g. 'openai:gpt-4o-mini'"],
    ['openai:', "e.g. 'openai'"],
    [':gpt-4o-mini', "e.g. 'gpt-4o-mini'"],
    ['openai: gpt-4o-mini', "Did you mean 'openai:gpt-4o-mini'?"],
    ['openai:gpt-4o-mini\n', "Did you mean 'openai:gpt-4o-mini'?"],
    ['gpt 4o', "Did you mean 'gpt4o'?"],
    ['openai:gpt-4o\u0000', 'control character'],
    ['x'.repeat(100_000), 'at most 512'],
  ])('should refuse %j, saying what to write', (name, fix) => {
    const error = refusal(name);
    expect(error.argument).toBe('model');
    expect(error.value).toBe(name);
    expect(error.message).toContain(fix);
  });

  it.each([
    [42, 'a number (42)'],
    [null, 'null'],
    [{ id: 'gpt-4o-mini' }, 'an object'],
    [['openai:gpt-4o-mini'], 'an array'],
    [() => 'gpt-4o-mini', 'a function'],
  ])('should refuse the non-string model %j, naming what it is', (name, kind) => {
    const error = refusal(name);
    expect(error.message).toContain("a model is a string such as 'openai:gpt-4o-mini'");
    expect(error.message).toContain(kind);
  });

  it('should still accept names with colons, slashes and dots', () => {
    for (const name of ['ollama:qwen3:8b', 'ollama:Qwen/Qwen3-8B', 'ollama:llama3.2:3b']) {
      expect(resolveModel(name, providers).modelId).toBe(name.slice('ollama:'.length));
    }
  });
});

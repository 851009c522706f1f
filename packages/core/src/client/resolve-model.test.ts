import { describe, expect, it } from 'vitest';
import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import type { LanguageModel } from '../spec/language-model.js';
import type { Provider } from '../spec/provider.js';
import { resolveModel } from './resolve-model.js';

function fakeProvider(name: string, isKnownModel?: (id: string) => boolean): Provider {
  return {
    name,
    isKnownModel,
    languageModel: (modelId) => ({ provider: name, modelId }) as LanguageModel,
  };
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

  it('should ask for a prefix when no provider claims a bare name', () => {
    expect(() => resolveModel('llama3.2:3b', providers)).toThrow(/Write it as 'provider:model'/);
    expect(() => resolveModel(undefined, providers)).toThrow(/no model was given/);
  });
});

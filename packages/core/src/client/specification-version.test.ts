import { InvalidArgumentError, type LanguageModel, type Provider } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { createClient } from './create-client.js';

function providerOf(version: string | undefined): Provider {
  const model = {
    specificationVersion: version,
    provider: 'fake',
    modelId: 'm1',
    generate: () => Promise.reject(new Error('must not be called')),
    stream: () => Promise.reject(new Error('must not be called')),
  } as unknown as LanguageModel;
  return { name: 'fake', languageModel: () => model };
}

describe('the provider spec version', () => {
  it('should refuse a model written against another version, before any call', async () => {
    const client = createClient({ providers: { fake: providerOf('v2') }, cache: false });
    const error = await client.call('Hello', { model: 'fake:m1' }).catch((caught) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "the 'fake' provider implements provider spec v2, and this @kagura-ts/core speaks v1",
    );
  });

  it('should take a model that declares this version, or none', () => {
    for (const version of ['v1', undefined]) {
      const client = createClient({ providers: { fake: providerOf(version) } });
      expect(client.resolveModel('fake:m1').modelId).toBe('m1');
    }
  });
});

import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { NoSuchProviderError } from '../errors/no-such-provider-error.js';
import type { LanguageModel } from '../spec/language-model.js';
import type { Provider } from '../spec/provider.js';

// A prefix looks like a provider name: 'openai', 'my-vllm'. Model ids may hold colons too
// ('llama3.2:3b'), so only a prefix of this shape is read as a provider.
const providerNamePattern = /^[a-z][a-z0-9_-]*$/i;

/**
 * Finds the model a name refers to: `'provider:model'`, or a bare name that exactly one
 * configured provider recognises. A name whose prefix is not a configured provider is a bare
 * name too when a provider claims it whole (`'qwen3:8b'` on an OpenAI-compatible server).
 * Throws {@link NoSuchProviderError} listing the providers.
 */
export function resolveModel(
  name: string | undefined,
  providers: ReadonlyMap<string, Provider>,
): LanguageModel {
  if (name === undefined || name.trim() === '') {
    throw new InvalidArgumentError({
      argument: 'model',
      value: name,
      message:
        "no model was given. Pass { model: 'openai:gpt-4o-mini' } on the call, the agent, " +
        'or createClient({ model }).',
    });
  }
  const available = [...providers.keys()];
  const colon = name.indexOf(':');
  if (colon > 0) {
    const prefix = name.slice(0, colon);
    const provider = providers.get(prefix);
    if (provider !== undefined) return provider.languageModel(name.slice(colon + 1));
    if (providerNamePattern.test(prefix) && !claimsBareName(providers, name)) {
      throw new NoSuchProviderError({
        model: name,
        provider: prefix,
        availableProviders: available,
      });
    }
  }
  const claimants = [...providers.entries()].filter(([, provider]) =>
    provider.isKnownModel?.(name),
  );
  if (claimants.length === 1) return claimants[0]![1].languageModel(name);
  throw new NoSuchProviderError({
    model: name,
    provider: undefined,
    availableProviders: available,
    claimingProviders: claimants.map(([key]) => key),
  });
}

function claimsBareName(providers: ReadonlyMap<string, Provider>, name: string): boolean {
  return [...providers.values()].some((provider) => provider.isKnownModel?.(name));
}

import type { LanguageModel, Provider } from '@kagura-ts/provider';
import { InvalidArgumentError, NoSuchProviderError } from '@kagura-ts/provider';

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
  checkModelName(name);
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

// Model ids are short identifiers: `gpt-4o-mini`, `qwen3:8b`, `Qwen/Qwen3-8B`, a local path.
const maxModelNameLength = 512;

/**
 * Refuses a model name no provider could mean, before any request: not a string, empty, with
 * white space or control characters anywhere (`'openai: gpt-4o-mini'`, a trailing newline from a
 * file), an empty part between colons (`'openai::gpt-4o-mini'`, `'openai:'`), or too long.
 */
function checkModelName(name: unknown): asserts name is string {
  const refuse = (message: string): never => {
    throw new InvalidArgumentError({ argument: 'model', value: name, message });
  };
  if (name === undefined || (typeof name === 'string' && name.trim() === '')) {
    refuse(
      "no model was given. Pass { model: 'openai:gpt-4o-mini' } on the call, the agent, " +
        'or createClient({ model }).',
    );
  }
  if (typeof name !== 'string') {
    return refuse(
      `a model is a string such as 'openai:gpt-4o-mini', but this is ${describeValue(name)}.`,
    );
  }
  if (name.length > maxModelNameLength) {
    refuse(
      `the model name is ${name.length} characters long ('${name.slice(0, 40)}...'); model ` +
        `names are at most ${maxModelNameLength}. Pass the model's id, e.g. 'openai:gpt-4o-mini'.`,
    );
  }
  if (/[\s\p{Cc}]/u.test(name)) {
    refuse(
      `${JSON.stringify(name)} contains white space or a control character, which no model ` +
        `name has. Did you mean '${name.replace(/[\s\p{Cc}]+/gu, '')}'? (A name read from a ` +
        'file or an environment variable may carry a trailing newline.)',
    );
  }
  if (name.split(':').some((part) => part === '')) {
    refuse(
      `'${name}' has an empty part between colons. Write 'provider:model' with one colon after ` +
        `the provider, e.g. '${name.replace(/:+/g, ':').replace(/^:|:$/g, '')}'.`,
    );
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${String(value)})`;
}

function claimsBareName(providers: ReadonlyMap<string, Provider>, name: string): boolean {
  return [...providers.values()].some((provider) => provider.isKnownModel?.(name));
}

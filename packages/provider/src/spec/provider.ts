import type { LanguageModel } from './language-model.js';

/** A source of language models: OpenAI, Anthropic, an OpenAI-compatible server. */
export interface Provider {
  /** The provider's name, used as the prefix in `'name:model'`. */
  readonly name: string;
  /** Returns the model with this id. Must not do any network call. */
  languageModel(modelId: string): LanguageModel;
  /** Whether a bare model name (no `provider:` prefix) belongs to this provider. */
  isKnownModel?(modelId: string): boolean;
}

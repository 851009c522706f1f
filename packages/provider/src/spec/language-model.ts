import type { ModelRequest, TransportOptions } from './model-request.js';
import type { ModelResult } from './model-result.js';
import type { PromptCacheRules } from './prompt-cache.js';
import type { StreamEvent } from './stream-event.js';

/**
 * One model of one provider. Providers implement this over their SDK; the client adds
 * everything else (caching, limits, retries, schema validation).
 */
export interface LanguageModel {
  /**
   * The spec version the model implements (see `specificationVersion`); the client refuses
   * another. Kagura's own providers set it. @default assumed to be the current one
   */
  readonly specificationVersion?: 'v1';
  /** The provider's name, e.g. `'openai'`. */
  readonly provider: string;
  /** The model id, e.g. `'gpt-4o-mini'`. */
  readonly modelId: string;
  /**
   * A scope that separates accounts and endpoints, e.g. a hash of the API key and base URL.
   * Never the secret itself.
   */
  readonly tenantScope?: string;
  /**
   * What the provider's prompt cache takes (breakpoints, minimum prefix, a routing key), for
   * the client to fill in `request.promptCache`. Absent: the client sends none.
   */
  readonly promptCache?: PromptCacheRules;
  /** Sends one request and waits for the whole reply. Throws `APICallError`/`AbortError`. */
  generate(request: ModelRequest, transport?: TransportOptions): Promise<ModelResult>;
  /**
   * Sends one streaming request. Resolves once the response headers arrived; the iterable
   * yields events and ends after `finish`, or throws. Ending iteration early closes the request.
   */
  stream(request: ModelRequest, transport?: TransportOptions): Promise<AsyncIterable<StreamEvent>>;
}

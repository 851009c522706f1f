import type { TransportOptions } from '@kagura-ts/provider';
import type { ReplayMode } from '../cache/cache-options.js';
import type { RetryOptions, TimeoutOptions } from '../resilience/resilience-options.js';
import type { Schema } from '../schema/standard-schema.js';
import type { LLMConfig, SchemaOptions } from './llm-config.js';

/**
 * Per-call cache controls: `false` bypasses the cache (neither read nor written, not counted as
 * a miss); an object adjusts it for this call.
 */
export type CacheControl =
  | boolean
  | {
      /** This answer's time to live in milliseconds; `0` means no expiry. @default the cache's ttl */
      ttl?: number;
      /** The namespace to read and store in. @default the cache's namespace */
      namespace?: string;
      /** Skip the read, ask the model, and store the new answer. @default false */
      refresh?: boolean;
      /** `false` reads the cache but does not store the answer. @default true */
      store?: boolean;
      /** How a hit on a stream call is replayed. @default the cache's replay mode */
      replay?: ReplayMode;
    };

/** Options of one call: reply settings, structured output, and transport. */
export interface CallOptions<S extends Schema | undefined = Schema | undefined>
  extends LLMConfig,
    SchemaOptions,
    TransportOptions {
  /**
   * A Standard Schema validator (zod, valibot, ...). The reply is requested as JSON matching
   * it, validated, and returned as `response.object`; an invalid reply throws `OutputParseError`.
   */
  schema?: S;
  /** Cache controls for this call. */
  cache?: CacheControl;
  /** The agent making the call, stored with the cached answer (for `invalidate({ agent })`). */
  agentName?: string;
  /** Retry settings for this call, over the client's. */
  retry?: RetryOptions;
  /** Time limits for this call, over the client's. */
  timeout?: TimeoutOptions;
}

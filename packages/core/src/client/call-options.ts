import type { Schema } from '../schema/standard-schema';
import type { TransportOptions } from '../spec/model-request';
import type { LLMConfig, SchemaOptions } from './llm-config';

/**
 * Per-call cache controls. Accepted now; the response cache gives them meaning.
 * `false` bypasses the cache for this call.
 */
export type CacheControl =
  | boolean
  | {
      /** Entry lifetime in milliseconds; `0` means no expiry. */
      ttl?: number;
      /** A namespace to store the entry under. */
      namespace?: string;
      /** Skip the read and store the fresh answer. */
      refresh?: boolean;
      /** `false` reads the cache but does not store the answer. */
      store?: boolean;
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
}

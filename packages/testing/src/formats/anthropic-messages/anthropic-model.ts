// A fixed date keeps listings deterministic.
const CREATED_AT = '2025-01-01T00:00:00Z';

/** Describes a model as Anthropic's `GET /v1/models` does. */
export function anthropicModel(id: string): object {
  return {
    type: 'model',
    id,
    display_name: id,
    created_at: CREATED_AT,
    capabilities: null,
    deprecated_at: null,
    lifecycle: 'active',
    line: null,
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    retires_at: null,
  };
}

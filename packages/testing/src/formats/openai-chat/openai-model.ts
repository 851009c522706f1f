// A fixed date keeps listings deterministic.
const CREATED_SECONDS = 1_735_689_600;

/** Describes a model as OpenAI's `GET /v1/models` does. */
export function openaiModel(id: string): object {
  return { id, object: 'model', created: CREATED_SECONDS, owned_by: 'kagura-simulator' };
}

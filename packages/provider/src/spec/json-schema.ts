/** A JSON Schema object (draft 2020-12 or draft-07), as sent to providers. */
export type JSONSchema = Record<string, unknown>;

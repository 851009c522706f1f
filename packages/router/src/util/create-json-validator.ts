import type { JSONSchema, Schema } from '@kagura-ts/core';

/** A problem found by a {@link createJsonValidator} check. */
export interface JsonIssue {
  /** What was wrong. */
  message: string;
  /** Where, e.g. `['agent']`. */
  path?: readonly PropertyKey[];
}

/**
 * A Standard Schema validator from a JSON Schema and a check function, so that structured
 * output works without a validation library. The JSON Schema is what the model is asked for;
 * `check` returns the issues of a parsed value (none when it is valid).
 *
 * @example
 * ```ts
 * const yesNo = createJsonValidator<{ yes: boolean }>(
 *   { type: 'object', properties: { yes: { type: 'boolean' } }, required: ['yes'], additionalProperties: false },
 *   (value) => (typeof (value as { yes?: unknown }).yes === 'boolean' ? [] : [{ message: 'yes must be a boolean' }]),
 * );
 * ```
 */
export function createJsonValidator<T>(
  jsonSchema: JSONSchema,
  check: (value: unknown) => JsonIssue[],
): Schema<T> {
  const describe = () => jsonSchema as Record<string, unknown>;
  const props = {
    version: 1 as const,
    vendor: 'kagura',
    validate(value: unknown) {
      const issues = check(value);
      return issues.length === 0 ? { value: value as T } : { issues };
    },
    // Standard JSON Schema, so that the client can send it without a `jsonSchema` option.
    jsonSchema: { input: describe, output: describe },
  };
  return { '~standard': props };
}

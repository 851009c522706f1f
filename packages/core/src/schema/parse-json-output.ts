import { OutputParseError } from '@kagura-ts/provider';
import { type Schema, validateWithSchema } from './standard-schema.js';

const fencePattern = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/;

/**
 * Parses a model's JSON reply and validates it. Tolerates a Markdown code fence around the
 * JSON (some models add one even in JSON mode). Throws {@link OutputParseError} with the raw
 * text on any failure, so nothing is lost.
 */
export async function parseJsonOutput<Output>(
  text: string,
  schema: Schema<Output>,
): Promise<Output> {
  const body = fencePattern.exec(text)?.[1] ?? text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new OutputParseError({ text, cause: error });
  }
  const result = await validateWithSchema(schema, value);
  if (result.issues !== undefined) {
    throw new OutputParseError({
      text,
      issues: result.issues.map((issue) => ({
        message: issue.message,
        path: issue.path?.map((segment) => (typeof segment === 'object' ? segment.key : segment)),
      })),
    });
  }
  return result.value;
}

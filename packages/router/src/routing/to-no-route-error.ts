import { OutputParseError } from '@kagura-ts/core';
import { isRecord } from '@kagura-ts/provider';
import { NoRouteError } from './no-route-error.js';

/**
 * Turns a structured-output failure whose reply names an agent that does not exist into a
 * {@link NoRouteError}; returns any other error as it is.
 */
export function toNoRouteError(
  error: unknown,
  details: { query: string; candidates: readonly string[]; requestedBy: string },
): unknown {
  if (!OutputParseError.isInstance(error)) return error;
  const requested = readAgentName(error.text);
  if (requested === undefined || details.candidates.includes(requested)) return error;
  return new NoRouteError({ reason: 'unknown-agent', requested, cause: error, ...details });
}

function readAgentName(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ''));
    return isRecord(value) && typeof value.agent === 'string' ? value.agent : undefined;
  } catch {
    return undefined;
  }
}

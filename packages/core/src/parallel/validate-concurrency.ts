import { InvalidArgumentError } from '@kagura-ts/provider';

/**
 * Checks a `concurrency` setting before any task runs: a positive integer, or `Infinity` for no
 * limit. Zero, a fraction or `NaN` would otherwise stall the queue forever instead of failing.
 */
export function validateConcurrency(value: unknown): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  throw new InvalidArgumentError({
    argument: 'concurrency',
    value,
    message:
      `expected a positive integer or Infinity, got ${describeValue(value)}. ` +
      'Pass how many tasks may run at once, e.g. 4, or Infinity for no limit.',
  });
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  return `${String(value)} (${typeof value})`;
}

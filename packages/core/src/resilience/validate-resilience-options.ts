import { InvalidArgumentError } from '@kagura-ts/provider';
import type { RetryOptions, TimeoutOptions } from './resilience-options.js';

// Node clamps a timer above 2^31-1 ms (about 24.8 days) to 1 ms: a "long" limit would fire at once.
const maxTimerMs = 2 ** 31 - 1;

/**
 * Checks retry settings before any request: `maxRetries` a whole number from 0 to 100, delays
 * whole-or-fractional milliseconds from 0 to 2^31-1. `argument` names where they came from
 * (`'retry'` for the client, `'retry'` of a call).
 */
export function validateRetryOptions(retry: RetryOptions | undefined, argument = 'retry'): void {
  if (retry === undefined) return;
  expectObject(retry, argument);
  const { maxRetries } = retry;
  if (
    maxRetries !== undefined &&
    (typeof maxRetries !== 'number' ||
      !Number.isInteger(maxRetries) ||
      maxRetries < 0 ||
      maxRetries > 100)
  ) {
    throw new InvalidArgumentError({
      argument: `${argument}.maxRetries`,
      value: maxRetries,
      message:
        `expected a whole number from 0 to 100 (retries after the first attempt), got ` +
        `${show(maxRetries)}. Use 0 for no retries.`,
    });
  }
  for (const field of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    const value = retry[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > maxTimerMs) {
      throw new InvalidArgumentError({
        argument: `${argument}.${field}`,
        value,
        message: `expected milliseconds from 0 to ${maxTimerMs}, got ${show(value)}.`,
      });
    }
  }
}

/**
 * Checks time limits before any request: each a number of milliseconds above 0 and at most
 * 2^31-1. Zero is refused (it would time out at once): leave a limit unset for none.
 */
export function validateTimeoutOptions(
  timeout: TimeoutOptions | undefined,
  argument = 'timeout',
): void {
  if (timeout === undefined) return;
  expectObject(timeout, argument);
  for (const field of ['totalMs', 'firstTokenMs', 'betweenDeltasMs'] as const) {
    const value = timeout[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > maxTimerMs) {
      throw new InvalidArgumentError({
        argument: `${argument}.${field}`,
        value,
        message:
          `expected milliseconds above 0 and at most ${maxTimerMs}, got ${show(value)}. ` +
          'Leave it unset for no limit.',
      });
    }
  }
}

function expectObject(value: unknown, argument: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected an options object, got ${show(value)}.`,
    });
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `the string '${value}'` : String(value);
}

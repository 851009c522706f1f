import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { LLMConfig } from './llm-config.js';

/** Checks sampling settings before any network call, naming the bad value. */
export function validateConfig(config: LLMConfig): void {
  checkRange('temperature', config.temperature, 0, 2);
  checkRange('topP', config.topP, 0, 1);
  const { maxTokens, seed, maxSteps, toolConcurrency } = config;
  for (const [argument, value] of [
    ['maxSteps', maxSteps],
    ['toolConcurrency', toolConcurrency],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
      throw new InvalidArgumentError({
        argument,
        value,
        message: `expected a positive integer, got ${String(value)}.`,
      });
    }
  }
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens <= 0)) {
    throw new InvalidArgumentError({
      argument: 'maxTokens',
      value: maxTokens,
      message: `expected a positive integer, got ${String(maxTokens)}.`,
    });
  }
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new InvalidArgumentError({
      argument: 'seed',
      value: seed,
      message: `expected an integer, got ${String(seed)}.`,
    });
  }
}

function checkRange(argument: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected a number from ${min} to ${max}, got ${String(value)}.`,
    });
  }
}

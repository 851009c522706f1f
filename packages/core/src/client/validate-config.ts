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
  if (maxTokens !== undefined && maxTokens > maxReplyTokens) {
    throw new InvalidArgumentError({
      argument: 'maxTokens',
      value: maxTokens,
      message:
        `${String(maxTokens)} is more than any model writes in one reply; pass at most ` +
        `${maxReplyTokens} (the provider refuses more than the model's own limit anyway).`,
    });
  }
  checkStop(config.stop);
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new InvalidArgumentError({
      argument: 'seed',
      value: seed,
      message: `expected an integer, got ${String(seed)}.`,
    });
  }
}

// Over a million output tokens in one reply is a mistake (a unit slip, 1e12), not a setting.
const maxReplyTokens = 2 ** 20;

function checkStop(stop: unknown): void {
  if (stop === undefined) return;
  const sequences = Array.isArray(stop) ? stop : [stop];
  const bad = sequences.find((sequence) => typeof sequence !== 'string' || sequence === '');
  if (typeof stop === 'string' ? stop !== '' : Array.isArray(stop) && bad === undefined) return;
  throw new InvalidArgumentError({
    argument: 'stop',
    value: stop,
    message:
      `expected a stop sequence or a list of them (non-empty strings), got ${describe(stop)}. ` +
      "Example: stop: ['\\n\\n', 'END'].",
  });
}

function describe(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((entry) => JSON.stringify(entry) ?? String(entry)).join(', ')}]`;
  return JSON.stringify(value) ?? String(value);
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

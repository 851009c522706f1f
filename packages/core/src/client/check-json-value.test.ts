import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { checkJsonValue } from './check-json-value.js';

function refusal(value: unknown, path = 'providerOptions'): InvalidArgumentError {
  try {
    checkJsonValue(value, path);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('checkJsonValue', () => {
  it('should name the place of a BigInt', () => {
    const error = refusal({ openai: { budget: 10n } });
    expect(error.argument).toBe('providerOptions.openai.budget');
    expect(error.message).toContain('a BigInt (10n) is not JSON');
  });

  it('should name the place of a circular reference instead of overflowing the stack', () => {
    const options: Record<string, unknown> = { name: 'loop' };
    options.again = { back: options };
    const error = refusal(options);
    expect(error.argument).toBe('providerOptions.again.back');
    expect(error.message).toContain('circular reference');
  });

  it('should refuse functions, symbols and non-finite numbers, with array indices and odd keys', () => {
    expect(refusal([{ input: { run: () => 1 } }], 'prompt').argument).toBe('prompt[0].input.run');
    expect(refusal({ 'x-y': Symbol('s') }).argument).toBe('providerOptions["x-y"]');
    expect(refusal({ temperature: Number.NaN }).message).toContain('NaN is not a JSON number');
  });

  it('should accept JSON values, bytes, and the same object twice side by side', () => {
    const shared = { a: 1 };
    expect(() =>
      checkJsonValue({ a: [1, 'x', null, true], b: shared, c: shared, d: new Uint8Array(2) }, 'p'),
    ).not.toThrow();
  });
});

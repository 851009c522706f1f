import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config.js';

describe('validateConfig', () => {
  it('should accept valid settings', () => {
    expect(() => validateConfig({ temperature: 0, topP: 1, maxTokens: 10, seed: 7 })).not.toThrow();
  });

  it('should name the bad setting and its value', () => {
    expect(() => validateConfig({ temperature: 3 })).toThrow(
      'Invalid temperature: expected a number from 0 to 2, got 3.',
    );
    expect(() => validateConfig({ topP: Number.NaN })).toThrow(/topP/);
    expect(() => validateConfig({ maxTokens: 0 })).toThrow(
      /maxTokens: expected a positive integer, got 0/,
    );
    expect(() => validateConfig({ maxTokens: 1.5 })).toThrow(/maxTokens/);
    expect(() => validateConfig({ seed: 0.5 })).toThrow(/seed/);
  });
});

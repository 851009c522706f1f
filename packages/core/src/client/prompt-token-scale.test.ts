import { MockLanguageModel } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { PromptTokenScale } from './prompt-token-scale.js';

describe('PromptTokenScale', () => {
  const model = new MockLanguageModel();

  it('should be 1 before a report, then move halfway to each report, per model', () => {
    const scale = new PromptTokenScale();
    expect(scale.of(model)).toBe(1);
    scale.learn(model, 1000, 1300);
    expect(scale.of(model)).toBeCloseTo(1.3);
    scale.learn(model, 1000, 1100);
    expect(scale.of(model)).toBeCloseTo(1.2);
    const other = new MockLanguageModel({ modelId: 'other' });
    expect(scale.of(other)).toBe(1);
  });

  it('should not learn from a short prompt or an empty report, and keep within 0.25-4', () => {
    const scale = new PromptTokenScale();
    scale.learn(model, 100, 400);
    scale.learn(model, 1000, 0);
    expect(scale.of(model)).toBe(1);
    scale.learn(model, 1000, 100_000);
    expect(scale.of(model)).toBe(4);
  });
});

import { describe, expect, it } from 'vitest';
import { openaiTakesCacheBreakpoints } from './openai-takes-cache-breakpoints.js';

describe('openaiTakesCacheBreakpoints', () => {
  it('should take breakpoints for gpt-5.6 and later only', () => {
    for (const model of ['gpt-5.6', 'gpt-5.6-mini', 'gpt-5.10', 'gpt-6', 'gpt-6.1-nano'])
      expect(openaiTakesCacheBreakpoints(model), model).toBe(true);
    for (const model of ['gpt-4o-mini', 'gpt-4.1', 'gpt-5', 'gpt-5.5', 'o3', 'gpt-oss-20b'])
      expect(openaiTakesCacheBreakpoints(model), model).toBe(false);
  });
});

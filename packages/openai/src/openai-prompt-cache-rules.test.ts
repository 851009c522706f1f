import { describe, expect, it } from 'vitest';
import { openAIPromptCacheRules } from './openai-prompt-cache-rules.js';

describe('openAIPromptCacheRules', () => {
  it('should take three breakpoints where requests carry them, none otherwise', () => {
    expect(openAIPromptCacheRules({ breakpoints: true, key: true })).toEqual({
      maxBreakpoints: 3,
      minimumTokens: 1024,
      acceptsKey: true,
    });
    expect(openAIPromptCacheRules({ breakpoints: false, key: false })).toEqual({
      maxBreakpoints: 0,
      minimumTokens: 1024,
      acceptsKey: false,
    });
  });
});

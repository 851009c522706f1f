import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { markOpenAICacheBreakpoint } from './mark-openai-cache-breakpoint.js';

describe('markOpenAICacheBreakpoint', () => {
  it('should skip messages with no part to mark, and say when none is left', () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '' },
      { role: 'user', content: [] },
    ];
    expect(markOpenAICacheBreakpoint(messages, 2, {})).toBe(true);
    expect(messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Hi', prompt_cache_breakpoint: { mode: 'explicit' } }],
    });
    expect(messages.slice(1)).toEqual([
      { role: 'assistant', content: '' },
      { role: 'user', content: [] },
    ]);
    const empty: ChatCompletionMessageParam[] = [{ role: 'assistant', content: null }];
    expect(markOpenAICacheBreakpoint(empty, 0, {})).toBe(false);
    expect(empty).toEqual([{ role: 'assistant', content: null }]);
  });
});

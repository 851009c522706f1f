import { describe, expect, it } from 'vitest';
import { formatConversation } from './format-conversation.js';

describe('formatConversation', () => {
  it('should write one labelled line per message and leave tool messages out', () => {
    expect(
      formatConversation([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: 'Hello!' },
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: '1', toolName: 'clock', output: 12 }],
        },
      ]),
    ).toBe('System: Be brief.\nUser: Hi\nAssistant: Hello!');
  });

  it('should give an empty string for no messages', () => {
    expect(formatConversation([])).toBe('');
  });
});

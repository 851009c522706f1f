import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { Message } from '../spec/message.js';
import { normalizePrompt } from './normalize-prompt.js';

describe('normalizePrompt', () => {
  it('should turn a string into a user message after the system instruction', () => {
    expect(normalizePrompt('Hi', 'Be brief.')).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('should keep a conversation as given', () => {
    const messages: Message[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ];
    expect(normalizePrompt(messages, undefined)).toEqual(messages);
  });

  it('should reject an empty prompt and name a bad message', () => {
    expect(() => normalizePrompt('  ', undefined)).toThrow(InvalidArgumentError);
    expect(() => normalizePrompt([], undefined)).toThrow(/non-empty/);
    const bad = [
      { role: 'user', content: 'ok' },
      { role: 'robot', content: 'x' },
    ] as unknown as Message[];
    expect(() => normalizePrompt(bad, undefined)).toThrow(/prompt\[1\]/);
    const badTool = [{ role: 'tool', content: 'x' }] as unknown as Message[];
    expect(() => normalizePrompt(badTool, undefined)).toThrow(/tool-result/);
  });
});

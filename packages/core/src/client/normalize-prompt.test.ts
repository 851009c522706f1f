import type { Message } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
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

describe('normalizePrompt with malformed content parts', () => {
  function refusal(content: unknown, role = 'user'): InvalidArgumentError {
    try {
      normalizePrompt([{ role, content } as Message], undefined);
    } catch (error) {
      if (InvalidArgumentError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected an InvalidArgumentError');
  }

  it.each([
    [
      'a text part without text',
      [{ type: 'text' }],
      'a text part needs text: a string, got nothing',
    ],
    ['text: 42', [{ type: 'text', text: 42 }], 'a text part needs text: a string, got 42'],
    [
      'an image given as a string',
      ['https://example.com/cat.png'],
      'expected a content part object',
    ],
    ['an image that is a file name', [{ type: 'image', image: 'cat.png' }], "got 'cat.png'"],
    [
      'image bytes without a media type',
      [{ type: 'image', image: new Uint8Array([1]) }],
      'mediaType',
    ],
    [
      'a part of an unknown type',
      [{ type: 'audio' }],
      "a user message's parts are 'text' or 'image'",
    ],
  ])('should refuse %s, naming where it is', (_what, content, message) => {
    const error = refusal(content);
    expect(error.argument).toBe('prompt[0].content[0]');
    expect(error.message).toContain(message);
  });

  it('should refuse an empty tool-call part', () => {
    const error = refusal([{ type: 'tool-call' }], 'assistant');
    expect(error.message).toContain('a tool-call part needs toolCallId: a non-empty string');
  });

  it('should accept well-formed parts', () => {
    expect(() =>
      normalizePrompt(
        [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', image: 'data:image/png;base64,AAAA' },
              { type: 'image', image: new Uint8Array([1]), mediaType: 'image/png' },
            ],
          },
        ],
        undefined,
      ),
    ).not.toThrow();
  });
});

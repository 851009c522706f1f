import type { Message } from '@kagura-ts/core';

/**
 * The text of a message: its string content, or its text parts joined with newlines.
 * @example
 * ```ts
 * textOfMessage({ role: 'user', content: 'Hi' }); // 'Hi'
 * ```
 */
export function textOfMessage(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

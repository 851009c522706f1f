import type { Message } from '@kagura-ts/core';
import { textOfMessage } from './text-of-message.js';

const labels = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/**
 * Formats messages as plain text, one `User: ...` or `Assistant: ...` line per message (system
 * messages as `System: ...`, tool messages left out). This is the `context` string agents get.
 *
 * @example
 * ```ts
 * formatConversation([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }]);
 * // 'User: Hi\nAssistant: Hello!'
 * ```
 */
export function formatConversation(messages: readonly Message[]): string {
  return messages
    .filter((message) => message.role !== 'tool')
    .map((message) => `${labels[message.role as keyof typeof labels]}: ${textOfMessage(message)}`)
    .join('\n');
}

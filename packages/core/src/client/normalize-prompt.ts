import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { Message } from '../spec/message.js';

/** What a call takes: a user prompt, or a whole conversation. */
export type Prompt = string | readonly Message[];

const roles = new Set(['system', 'user', 'assistant', 'tool']);

/**
 * Turns a prompt and an optional system instruction into validated messages. Throws
 * {@link InvalidArgumentError} naming the bad message before any network call.
 */
export function normalizePrompt(prompt: Prompt, system: string | undefined): Message[] {
  const messages: Message[] = [];
  if (system !== undefined && system !== '') messages.push({ role: 'system', content: system });
  if (typeof prompt === 'string') {
    if (prompt.trim() === '') {
      throw new InvalidArgumentError({
        argument: 'prompt',
        value: prompt,
        message: 'the prompt is empty. Pass the text to send, or an array of messages.',
      });
    }
    messages.push({ role: 'user', content: prompt });
    return messages;
  }
  if (!Array.isArray(prompt) || prompt.length === 0) {
    throw new InvalidArgumentError({
      argument: 'prompt',
      value: prompt,
      message: 'expected a non-empty string or a non-empty array of messages.',
    });
  }
  prompt.forEach((message, index) => {
    checkMessage(message, index);
    messages.push(message);
  });
  return messages;
}

function checkMessage(message: unknown, index: number): void {
  const candidate = message as { role?: unknown; content?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || !roles.has(String(candidate.role))) {
    throw new InvalidArgumentError({
      argument: `prompt[${index}]`,
      value: message,
      message: `expected a message with role 'system', 'user', 'assistant' or 'tool'.`,
    });
  }
  const { content } = candidate;
  const valid =
    candidate.role === 'tool'
      ? Array.isArray(content)
      : typeof content === 'string' || Array.isArray(content);
  if (!valid) {
    throw new InvalidArgumentError({
      argument: `prompt[${index}].content`,
      value: content,
      message:
        candidate.role === 'tool'
          ? 'a tool message needs an array of tool-result parts.'
          : 'expected a string or an array of content parts.',
    });
  }
}

import type { Message } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';

/** What a call takes: a user prompt, or a whole conversation. */
export type Prompt = string | readonly Message[];

const roles = new Set(['system', 'user', 'assistant', 'tool']);

/**
 * Turns a prompt and an optional system instruction into validated messages. Throws
 * {@link InvalidArgumentError} naming the bad message before any network call.
 */
export function normalizePrompt(prompt: Prompt, system: string | undefined): Message[] {
  const messages: Message[] = [];
  if (system !== undefined && system !== '') messages.push({ content: system, role: 'system' });
  if (typeof prompt === 'string') {
    if (prompt.trim() === '') {
      throw new InvalidArgumentError({
        argument: 'prompt',
        value: prompt,
        message: 'the prompt is empty. Pass the text to send, or an array of messages.',
      });
    }
    // Keys in sorted order, as canonical JSON has them (see create-client).
    messages.push({ content: prompt, role: 'user' });
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
  if (Array.isArray(content)) {
    content.forEach((part, partIndex) => {
      checkPart(part, String(candidate.role), `prompt[${index}].content[${partIndex}]`);
    });
  }
}

// The parts each role may carry, and what each part needs: a malformed part would otherwise
// reach the provider and come back as an opaque 400, or be sent as "[object Object]".
const partsOf: Record<string, readonly string[]> = {
  system: [],
  user: ['text', 'image'],
  assistant: ['text', 'tool-call'],
  tool: ['tool-result'],
};

function checkPart(part: unknown, role: string, argument: string): void {
  const refuse = (message: string): never => {
    throw new InvalidArgumentError({ argument, value: part, message });
  };
  const allowed = partsOf[role] ?? [];
  if (typeof part !== 'object' || part === null || Array.isArray(part)) {
    refuse(
      `expected a content part object such as { type: 'text', text: '...' }, got ` +
        `${typeof part === 'string' ? `the string '${part.slice(0, 40)}'` : String(part)}. ` +
        (allowed.includes('image')
          ? "An image is { type: 'image', image: 'https://...' }."
          : 'Wrap text in a text part.'),
    );
  }
  const { type } = part as { type?: unknown };
  if (typeof type !== 'string' || !allowed.includes(type)) {
    refuse(
      `a ${role} message's parts are ${allowed.map((name) => `'${name}'`).join(' or ')}, ` +
        `got type ${JSON.stringify(type) ?? 'undefined'}.`,
    );
  }
  const fields = part as Record<string, unknown>;
  if (type === 'text' && typeof fields.text !== 'string') {
    refuse(`a text part needs text: a string, got ${describe(fields.text)}.`);
  }
  if (type === 'image') checkImage(fields, refuse);
  if (type === 'tool-call' || type === 'tool-result') {
    for (const field of ['toolCallId', 'toolName']) {
      if (typeof fields[field] !== 'string' || fields[field] === '') {
        refuse(
          `a ${type} part needs ${field}: a non-empty string, got ${describe(fields[field])}.`,
        );
      }
    }
  }
}

function checkImage(fields: Record<string, unknown>, refuse: (message: string) => never): void {
  const { image, mediaType } = fields;
  if (image instanceof Uint8Array) {
    if (typeof mediaType !== 'string' || mediaType === '') {
      refuse("an image given as bytes needs its mediaType, e.g. mediaType: 'image/png'.");
    }
    return;
  }
  if (typeof image !== 'string' || !/^(https?:|data:)/i.test(image)) {
    refuse(
      `an image is an https: or data: URL, or its bytes (a Uint8Array with mediaType), got ` +
        `${typeof image === 'string' ? `'${image.slice(0, 40)}'` : describe(image)}. Read a ` +
        "file's bytes yourself (readFile) and pass them with mediaType.",
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value.slice(0, 40)}'`;
  return typeof value === 'object'
    ? Array.isArray(value)
      ? 'an array'
      : 'an object'
    : String(value);
}

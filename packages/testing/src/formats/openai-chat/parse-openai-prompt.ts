import { isRecord } from '@kagura-ts/provider';
import type { PromptSegment } from '../../wire/prompt-segment.js';
import { textOfContent } from '../../wire/text-of-content.js';

/** A message as sent, without its text: the text is hashed token by token beside it. */
function messageKey(message: Record<string, unknown>): string {
  const { content, ...rest } = message;
  const others = Array.isArray(content)
    ? content.filter((part) => !(isRecord(part) && typeof part.text === 'string'))
    : [];
  return JSON.stringify(others.length === 0 ? rest : { ...rest, content: others });
}

function toolText(tool: unknown): string {
  const definition = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
  if (definition === undefined || typeof definition.name !== 'string') return '';
  const description = typeof definition.description === 'string' ? definition.description : '';
  const parameters = definition.parameters ?? { type: 'object', properties: {} };
  return `${definition.name} ${description} ${JSON.stringify(parameters)}`;
}

/**
 * Lists an OpenAI chat request's prompt in the order it is cached: the tool definitions (rendered
 * ahead of the conversation), then every message, system and developer messages in place.
 */
export function parseOpenAIPrompt(body: Record<string, unknown>): PromptSegment[] {
  const prompt: PromptSegment[] = [];
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const tool of tools)
    prompt.push({ key: `tool:${JSON.stringify(tool)}`, text: toolText(tool) });
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const message of messages) {
    if (!isRecord(message)) continue;
    prompt.push({ key: messageKey(message), text: textOfContent(message.content) });
  }
  return prompt;
}

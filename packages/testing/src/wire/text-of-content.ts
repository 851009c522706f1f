import { isRecord } from '@kagura-ts/provider';

/**
 * Flattens message content (a string, or an array of parts/blocks) to its text, joined with
 * newlines. Text parts count, and so do tool results (Anthropic `tool_result` blocks), so rules can
 * match on what a tool returned.
 */
export function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (isRecord(part)) {
      if (typeof part.text === 'string') texts.push(part.text);
      else if (part.type === 'tool_result') texts.push(textOfContent(part.content));
    }
  }
  return texts.join('\n');
}

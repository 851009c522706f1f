import type { FinishReason, Message, ModelRequest } from '@kagura-ts/provider';

// Prompts and answers in the GenAI conventions' message format (gen_ai.input.messages,
// gen_ai.output.messages, gen_ai.system_instructions), as JSON strings: the form every
// OpenTelemetry SDK keeps. Recorded only when content recording is switched on.

type ConventionPart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_call_response'; id: string; response: unknown }
  | { type: 'uri'; modality: 'image'; uri: string }
  | { type: 'blob'; modality: 'image'; mime_type: string | undefined; content: string };

/** The request's system instructions and other messages, as the conventions write them. */
export function requestContent(request: ModelRequest): {
  systemInstructions: string | undefined;
  inputMessages: string;
} {
  const system: ConventionPart[] = [];
  const messages: Array<{ role: string; parts: ConventionPart[] }> = [];
  for (const message of request.messages) {
    if (message.role === 'system') system.push({ type: 'text', content: message.content });
    else messages.push({ role: message.role, parts: partsOf(message) });
  }
  return {
    systemInstructions: system.length === 0 ? undefined : JSON.stringify(system),
    inputMessages: JSON.stringify(messages),
  };
}

/** The answer as the conventions' one output message. */
export function responseContent(
  text: string,
  toolCalls: ReadonlyArray<{ toolCallId: string; toolName: string; input: unknown }>,
  finishReason: FinishReason,
): string {
  const parts: ConventionPart[] = [];
  if (text !== '') parts.push({ type: 'text', content: text });
  for (const call of toolCalls) {
    parts.push({
      type: 'tool_call',
      id: call.toolCallId,
      name: call.toolName,
      arguments: call.input,
    });
  }
  return JSON.stringify([
    { role: 'assistant', parts, finish_reason: conventionFinishReason(finishReason) },
  ]);
}

/** A finish reason in the conventions' spelling. */
export function conventionFinishReason(reason: FinishReason): string {
  if (reason === 'tool-calls') return 'tool_call';
  if (reason === 'content-filter') return 'content_filter';
  return reason;
}

function partsOf(message: Exclude<Message, { role: 'system' }>): ConventionPart[] {
  if (typeof message.content === 'string') return [{ type: 'text', content: message.content }];
  return message.content.map(partOf);
}

function partOf(
  part: Exclude<Exclude<Message, { role: 'system' }>['content'], string>[number],
): ConventionPart {
  if (part.type === 'text') return { type: 'text', content: part.text };
  if (part.type === 'tool-call') {
    return { type: 'tool_call', id: part.toolCallId, name: part.toolName, arguments: part.input };
  }
  if (part.type === 'tool-result') {
    return { type: 'tool_call_response', id: part.toolCallId, response: part.output };
  }
  if (typeof part.image !== 'string') {
    const content = Buffer.from(part.image).toString('base64');
    return { type: 'blob', modality: 'image', mime_type: part.mediaType, content };
  }
  // A data: URL is the image itself: its bytes would swamp the span.
  return {
    type: 'uri',
    modality: 'image',
    uri: part.image.startsWith('data:') ? 'data:' : part.image,
  };
}

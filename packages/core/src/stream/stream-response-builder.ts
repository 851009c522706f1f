import type { ModelResult, StreamEvent } from '@kagura-ts/provider';
import { APICallError } from '@kagura-ts/provider';

/**
 * Assembles a stream's events into the whole answer: text, tool calls, and the finish event's
 * reason, usage and model. A stream without a finish event is an error, never a short answer.
 */
export class StreamResponseBuilder {
  private text = '';
  private readonly toolCalls: ModelResult['toolCalls'] = [];
  private finish: Extract<StreamEvent, { type: 'finish' }> | undefined;

  /** Takes one event; an `error` event is thrown. */
  add(event: StreamEvent): void {
    if (event.type === 'error') throw event.error;
    if (event.type === 'text-delta') this.text += event.text;
    else if (event.type === 'tool-call') this.toolCalls.push({ ...event, type: 'tool-call' });
    else if (event.type === 'finish') this.finish = event;
  }

  /** The whole answer; throws a retryable `APICallError` if the stream never finished. */
  build(provider: string): Omit<ModelResult, 'raw'> {
    if (this.finish === undefined) {
      throw new APICallError({
        provider,
        message:
          'The stream ended before the model finished (no finish event). Nothing was cached.',
        isRetryable: true,
      });
    }
    const { finishReason, usage, model } = this.finish;
    return { text: this.text, toolCalls: this.toolCalls, finishReason, usage, model };
  }
}

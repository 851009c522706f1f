import type { Message } from '../spec/message.js';
import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.max-steps';
const symbol = Symbol.for(marker);

/** Options for {@link MaxStepsError}. */
export interface MaxStepsErrorOptions {
  /** The step limit that was reached. */
  maxSteps: number;
  /** The conversation so far: the prompt, every tool call and every tool result. */
  messages: Message[];
}

/** The model was still calling tools when the tool loop reached `maxSteps`. */
export class MaxStepsError extends KaguraError {
  protected readonly [symbol] = true;
  /** The step limit that was reached. */
  readonly maxSteps: number;
  /** The transcript so far, so nothing is lost: prompt, tool calls and tool results. */
  readonly messages: Message[];

  constructor({ maxSteps, messages }: MaxStepsErrorOptions) {
    super({
      name: 'MaxStepsError',
      message:
        `The model was still calling tools after ${maxSteps} steps, without an answer. ` +
        'Raise maxSteps if the task needs more, or check that the tools return what the model needs. ' +
        'The transcript is in error.messages.',
    });
    this.maxSteps = maxSteps;
    this.messages = messages;
  }

  /** Whether `error` is a {@link MaxStepsError}, from any copy of this package. */
  static override isInstance(error: unknown): error is MaxStepsError {
    return KaguraError.hasMarker(error, marker);
  }
}

import { KaguraError } from '@kagura-ts/core';
import type { SupervisorStep } from './supervisor-step.js';

const marker = 'kagura.error.supervisor-steps';
const symbol = Symbol.for(marker);

/** Options for {@link SupervisorStepsError}. */
export interface SupervisorStepsErrorOptions {
  /** The limit on specialist calls that was reached. */
  maxSteps: number;
  /** The specialist calls made, in order. */
  steps: readonly SupervisorStep[];
}

/**
 * A supervisor still wanted to call a specialist after `maxSteps` calls, without answering.
 * `steps` keeps every call and its output, so nothing is lost.
 */
export class SupervisorStepsError extends KaguraError {
  protected readonly [symbol] = true;
  /** The limit on specialist calls that was reached. */
  readonly maxSteps: number;
  /** The specialist calls made, in order. */
  readonly steps: readonly SupervisorStep[];

  constructor({ maxSteps, steps }: SupervisorStepsErrorOptions) {
    const called = steps.map((step) => step.agent).join(' -> ');
    super({
      name: 'SupervisorStepsError',
      message:
        `The supervisor was still calling specialists after ${maxSteps} steps (${called}), ` +
        'without an answer. Raise maxSteps if the task needs more, or tell the supervisor in its ' +
        'instructions when to answer. The calls so far are in error.steps.',
    });
    this.maxSteps = maxSteps;
    this.steps = steps;
  }

  /** Whether `error` is a {@link SupervisorStepsError}, from any copy of this package. */
  static override isInstance(error: unknown): error is SupervisorStepsError {
    return KaguraError.hasMarker(error, marker);
  }
}

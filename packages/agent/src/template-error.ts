import { KaguraError } from '@kagura-ts/core';

const marker = 'kagura.error.template';
const symbol = Symbol.for(marker);

/** Options for {@link TemplateError}. */
export interface TemplateErrorOptions {
  /** What was wrong. */
  message: string;
  /** The template's source. */
  template: string;
  /** Variables the template uses that were not given. */
  missing?: readonly string[];
  /** The Nunjucks error, for syntax and render errors. */
  cause?: unknown;
}

/**
 * A prompt template could not be rendered: a variable it uses was not given, or it has a
 * syntax error. Raised before any network call.
 */
export class TemplateError extends KaguraError {
  protected readonly [symbol] = true;
  /** Variables the template uses that were not given. */
  readonly missing: readonly string[];
  /** The template's source. */
  readonly template: string;

  constructor({ message, template, missing = [], cause }: TemplateErrorOptions) {
    super({ name: 'TemplateError', message, cause });
    this.missing = missing;
    this.template = template;
  }

  /** Whether `error` is a {@link TemplateError}, from any copy of this package. */
  static override isInstance(error: unknown): error is TemplateError {
    return KaguraError.hasMarker(error, marker);
  }
}

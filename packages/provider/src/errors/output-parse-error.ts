import { KaguraError } from './kagura-error.js';

const marker = 'kagura.error.output-parse';
const symbol = Symbol.for(marker);

/** One problem found while validating structured output. */
export interface OutputIssue {
  /** What was wrong. */
  message: string;
  /** Where in the value, e.g. `['people', 0, 'age']`. */
  path?: readonly PropertyKey[];
}

/** Options for {@link OutputParseError}. */
export interface OutputParseErrorOptions {
  /** The model's raw reply. */
  text: string;
  /** Validation issues, when the reply was JSON that did not match the schema. */
  issues?: readonly OutputIssue[];
  /** The JSON syntax error, when the reply was not JSON. */
  cause?: unknown;
}

/** The model's reply was not valid JSON, or did not match the requested schema. */
export class OutputParseError extends KaguraError {
  protected readonly [symbol] = true;
  /** The model's raw reply, so nothing is lost. */
  readonly text: string;
  /** Validation issues; empty when the reply was not JSON at all. */
  readonly issues: readonly OutputIssue[];

  constructor({ text, issues = [], cause }: OutputParseErrorOptions) {
    const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    const detail =
      issues.length > 0
        ? `did not match the schema: ${issues.map(formatIssue).join('; ')}`
        : 'was not valid JSON';
    super({
      name: 'OutputParseError',
      message: `The model's reply ${detail}. Reply: ${JSON.stringify(preview)}`,
      cause,
    });
    this.text = text;
    this.issues = issues;
  }

  /** Whether `error` is an {@link OutputParseError}, from any copy of this package. */
  static override isInstance(error: unknown): error is OutputParseError {
    return KaguraError.hasMarker(error, marker);
  }
}

function formatIssue(issue: OutputIssue): string {
  const path = issue.path?.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

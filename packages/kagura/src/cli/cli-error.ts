/** Options for {@link CliError}. */
export interface CliErrorOptions {
  /** What went wrong and what to do, printed as is (no stack trace). */
  message: string;
  /**
   * The process's exit status: `1` for a failure at run time, `2` for a usage error (an unknown
   * command or option, a bad value).
   * @default 1
   */
  exitCode?: 1 | 2;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** A failure the `kagura` CLI reports in one line, with its exit status. */
export class CliError extends Error {
  /** The exit status: `1` at run time, `2` for a usage error. */
  readonly exitCode: 1 | 2;

  constructor({ message, exitCode = 1, cause }: CliErrorOptions) {
    super(message, { cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

const marker = 'kagura.error';
const symbol = Symbol.for(marker);

/** Options shared by every Kagura error. */
export interface KaguraErrorOptions {
  /** The error's name, e.g. `'APICallError'`. */
  name: string;
  /** What went wrong, with the offending value, and what to do about it. */
  message: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The root of every error Kagura throws. Use {@link KaguraError.isInstance} rather than
 * `instanceof`: it works across duplicated installs of the package.
 */
export class KaguraError extends Error {
  protected readonly [symbol] = true;

  constructor({ name, message, cause }: KaguraErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
  }

  /** Whether `error` is a Kagura error, from any copy of this package. */
  static isInstance(error: unknown): error is KaguraError {
    return hasErrorMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    return hasErrorMarker(error, markerName);
  }
}

// Outside the class body: a class naming itself inside its body is emitted by the build as
// `class _KaguraError`, and would print under that name.
function hasErrorMarker(error: unknown, markerName: string): boolean {
  const markerSymbol = Symbol.for(markerName);
  return (
    typeof error === 'object' &&
    error !== null &&
    markerSymbol in error &&
    (error as Record<symbol, unknown>)[markerSymbol] === true
  );
}

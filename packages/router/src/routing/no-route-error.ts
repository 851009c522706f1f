import { KaguraError } from '@kagura-ts/core';

const marker = 'kagura.error.no-route';
const symbol = Symbol.for(marker);

/**
 * Why no agent was chosen:
 * - `'no-agents'`: the router has no agents registered.
 * - `'below-threshold'`: the best agent's confidence was under the threshold and there is no
 *   fallback agent.
 * - `'unknown-agent'`: an agent was asked for by a name that is not registered (by the caller,
 *   by the LLM classifier, or by a supervisor).
 */
export type NoRouteReason = 'no-agents' | 'below-threshold' | 'unknown-agent';

/** Options for {@link NoRouteError}. */
export interface NoRouteErrorOptions {
  /** Why no agent was chosen. */
  reason: NoRouteReason;
  /** The query being routed. */
  query: string;
  /** The names of the registered agents. */
  candidates: readonly string[];
  /** The name asked for (`'unknown-agent'` only). */
  requested?: string;
  /** Who asked for `requested`, e.g. `'the model'`. @default 'the caller' */
  requestedBy?: string;
  /** The best agent and its confidence (`'below-threshold'` only). */
  best?: { agent: string; confidence: number };
  /** The confidence threshold (`'below-threshold'` only). */
  threshold?: number;
  /** The underlying error, e.g. the `OutputParseError` of a classification naming no agent. */
  cause?: unknown;
}

/**
 * No agent could be chosen for a query. The message names the query and lists the candidates;
 * the fields keep them for code.
 *
 * @example
 * ```ts
 * try {
 *   await router.run('What is the weather?');
 * } catch (error) {
 *   if (NoRouteError.isInstance(error)) console.log(error.candidates);
 * }
 * ```
 */
export class NoRouteError extends KaguraError {
  protected readonly [symbol] = true;
  /** Why no agent was chosen. */
  readonly reason: NoRouteReason;
  /** The query being routed. */
  readonly query: string;
  /** The names of the registered agents. */
  readonly candidates: readonly string[];
  /** The unknown name that was asked for, if any. */
  readonly requested: string | undefined;
  /** The best agent and its confidence, when it was below the threshold. */
  readonly best: { agent: string; confidence: number } | undefined;

  constructor(options: NoRouteErrorOptions) {
    super({ name: 'NoRouteError', message: describe(options), cause: options.cause });
    this.reason = options.reason;
    this.query = options.query;
    this.candidates = options.candidates;
    this.requested = options.requested;
    this.best = options.best;
  }

  /** Whether `error` is a {@link NoRouteError}, from any copy of this package. */
  static override isInstance(error: unknown): error is NoRouteError {
    return KaguraError.hasMarker(error, marker);
  }
}

function describe(options: NoRouteErrorOptions): string {
  const query = JSON.stringify(preview(options.query));
  const candidates = `Candidates: ${options.candidates.join(', ') || '(none)'}.`;
  switch (options.reason) {
    case 'no-agents':
      return `No agent can take ${query}: the router has no agents. Register some with router.register(...) or router.registerAgents(...).`;
    case 'unknown-agent':
      return (
        `${capitalise(options.requestedBy ?? 'the caller')} asked for agent '${options.requested}' for ${query}, ` +
        `but no agent has that name. ${candidates} Use one of these names, or register an agent by that name.`
      );
    case 'below-threshold': {
      const best =
        options.best === undefined
          ? 'no agent matched'
          : `the best was '${options.best.agent}' at ${options.best.confidence.toFixed(2)}`;
      return (
        `No agent is confident enough for ${query}: ${best} (threshold ${options.threshold}). ` +
        `${candidates} Add intents or keywords, lower the threshold, or set a fallback agent.`
      );
    }
  }
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

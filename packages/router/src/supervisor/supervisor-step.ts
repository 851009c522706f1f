/**
 * One specialist call a supervisor made.
 * @example
 * ```ts
 * const step: SupervisorStep = { agent: 'research', input: 'Find the population of Lyon', output: '522,000' };
 * ```
 */
export interface SupervisorStep {
  /** The specialist called. */
  agent: string;
  /** What the supervisor asked it. */
  input: string;
  /** What it answered, as text. */
  output: string;
}

/**
 * Whether `value` is a plain object of fields (not `null`, not an array): how every package
 * narrows parsed JSON and option objects.
 * @example
 * ```ts
 * isRecord({ agent: 'code' }); // true
 * isRecord(['code']); // false
 * ```
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

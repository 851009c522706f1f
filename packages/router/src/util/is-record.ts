/**
 * Whether `value` is a plain object (not null, not an array).
 * @example
 * ```ts
 * isRecord({ agent: 'code' }); // true
 * ```
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

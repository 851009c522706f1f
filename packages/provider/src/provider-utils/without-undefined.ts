/**
 * `value`'s fields without those that are `undefined`, so that spreading it over defaults keeps
 * the defaults an option left out (`{ ...defaults, ...withoutUndefined(options) }`).
 * @example
 * ```ts
 * withoutUndefined({ model: 'gpt-4o', temperature: undefined }); // { model: 'gpt-4o' }
 * ```
 */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

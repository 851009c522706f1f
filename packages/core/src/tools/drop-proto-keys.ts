/**
 * `value` without any own `__proto__` key, at every depth of its arrays and plain objects: the
 * same reference when there is none, otherwise copies of the objects on the way to one.
 *
 * `JSON.parse` turns a `"__proto__"` member into an own property, and a tool that copies its
 * input with `Object.assign` or a loop of assignments would then set the copy's prototype to
 * an object the model wrote. `constructor` and `prototype` are ordinary data keys (a spread or
 * an assignment makes them own properties), so they are kept.
 */
export function dropProtoKeys<T>(value: T): T {
  return drop(value, new Set()) as T;
}

function drop(value: unknown, seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const cleaned = drop(item, seen);
      if (cleaned !== item) copy ??= [...value];
      if (copy !== undefined) copy[index] = cleaned;
    });
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let changed = Object.hasOwn(value, '__proto__');
  const entries: Array<[string, unknown]> = [];
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__') continue;
    const cleaned = drop(item, seen);
    if (cleaned !== item) changed = true;
    entries.push([key, cleaned]);
  }
  if (!changed) return value;
  // Defined, not assigned, so that no key of the copy can reach a setter.
  const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
  for (const [key, item] of entries) {
    Object.defineProperty(copy, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

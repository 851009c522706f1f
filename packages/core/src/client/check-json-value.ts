import { InvalidArgumentError } from '@kagura-ts/provider';

/**
 * Checks that a value can be sent as JSON, naming the first place that cannot: a BigInt, a
 * function, a symbol, a non-finite number, or a circular reference. What is sent to a provider
 * and what the cache key is made of are JSON; without this check such a value fails later as a
 * bare `TypeError` (BigInt, cycles) or a stack overflow (cycles in the cache key), or is
 * silently dropped (functions, symbols) from what is sent.
 *
 * @param path Names the value in the error, e.g. `'providerOptions'`.
 * @throws {InvalidArgumentError} naming the path, e.g. `providerOptions.openai.budget`.
 */
export function checkJsonValue(value: unknown, path: string): void {
  walk(value, path, undefined);
}

// `given`: the objects above `value`, a set made at the first object (none for a value with no
// object in it, such as the usual absent `providerOptions`).
function walk(value: unknown, path: string, given: Set<object> | undefined): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return;
    case 'number':
      if (!Number.isFinite(value)) refuse(path, value, `${value} is not a JSON number`);
      return;
    case 'bigint':
      refuse(path, value, `a BigInt (${value}n) is not JSON: pass it as a string or a number`);
      return;
    case 'function':
    case 'symbol':
      refuse(path, value, `a ${typeof value} cannot be sent as JSON: pass a plain value`);
      return;
  }
  if (value === null || value instanceof Uint8Array || value instanceof Date) return;
  const object = value as object;
  const ancestors = given ?? new Set<object>();
  if (ancestors.has(object)) {
    refuse(path, value, 'it refers back to itself (a circular reference), which JSON cannot hold');
  }
  ancestors.add(object);
  if (Array.isArray(object)) {
    object.forEach((entry, index) => {
      walk(entry, `${path}[${index}]`, ancestors);
    });
  } else {
    for (const [key, entry] of Object.entries(object)) {
      walk(
        entry,
        /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
        ancestors,
      );
    }
  }
  ancestors.delete(object);
}

function refuse(path: string, value: unknown, reason: string): never {
  throw new InvalidArgumentError({ argument: path, value, message: `${reason}.` });
}

/** What a decorator recorded about a method, found on a prototype chain. */
export interface MethodRegistry<RECORD> {
  /** Records `method`, the function that will sit on the class (the replacement, if any). */
  set(method: object, record: RECORD): void;
  /**
   * The records of the methods on `prototype` and its ancestors (not `Object.prototype`),
   * the most derived first, each prototype's in declaration order.
   */
  list(prototype: object | null): RECORD[];
}

/**
 * A registry of decorated methods keyed by the method function itself. Standard (TC39)
 * decorators never see the prototype and `Symbol.metadata` is missing on Node 22 and 24, so
 * the function is the one thing both decorator forms share with `getAgents(Class)`. The map
 * lives on `globalThis` under a `Symbol.for` key, so two copies of this package see each
 * other's records, as they did with `reflect-metadata`'s global registry.
 */
export function createMethodRegistry<RECORD>(key: string): MethodRegistry<RECORD> {
  const symbol = Symbol.for(key);
  // Created on first use, so that importing the package has no side effect.
  const records = (): WeakMap<object, RECORD> => {
    const shared = globalThis as unknown as Record<symbol, WeakMap<object, RECORD> | undefined>;
    shared[symbol] ??= new WeakMap();
    return shared[symbol];
  };
  return {
    set(method, record) {
      records().set(method, record);
    },
    list(prototype) {
      const found: RECORD[] = [];
      let current = prototype;
      while (current !== null && current !== Object.prototype) {
        for (const property of Reflect.ownKeys(current)) {
          // Reads descriptors, so that listing never runs a getter.
          const value = Object.getOwnPropertyDescriptor(current, property)?.value;
          const record = typeof value === 'function' ? records().get(value) : undefined;
          if (record !== undefined) found.push(record);
        }
        current = Object.getPrototypeOf(current);
      }
      return found;
    },
  };
}

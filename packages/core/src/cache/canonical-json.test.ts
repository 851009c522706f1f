import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonOf } from './canonical-json.js';

// The same value with the keys of every object in reverse order.
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).reverse()) {
    copy[key] = reversed((value as Record<string, unknown>)[key]);
  }
  return copy;
}

// The definition canonicalJson is written out from: JSON.stringify with a replacer that sorts
// keys (into a null-prototype object, so that a __proto__ key is a key), hashes bytes and writes
// bigints as strings.
function byReplacer(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) => {
      if (typeof inner === 'bigint') return inner.toString();
      if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
      if (inner instanceof Uint8Array)
        return { $sha256: createHash('sha256').update(inner).digest('hex') };
      const sorted: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(inner).sort())
        sorted[key] = (inner as Record<string, unknown>)[key];
      return sorted;
    }) ?? 'null'
  );
}

// The same value with the keys of every plain object inserted in sorted order (what the fast
// path, the engine's own JSON.stringify, takes).
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = Object.create(prototype);
  for (const key of Object.keys(value).sort()) {
    copy[key] = sortedCopy((value as Record<string, unknown>)[key]);
  }
  return copy;
}

const anythingOptions = {
  withBigInt: true,
  withTypedArray: true,
  withNullPrototype: true,
  withDate: true,
} as const;

describe('canonicalJson', () => {
  it('should give the text of JSON.stringify with a sorting replacer, for any value', () => {
    fc.assert(
      fc.property(fc.anything(anythingOptions), (value) => {
        expect(canonicalJson(value)).toBe(byReplacer(value));
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson(Buffer.from('hi'))).toBe(byReplacer(Buffer.from('hi')));
  });

  it('should give the same text on its fast path, for values whose keys are already sorted', () => {
    fc.assert(
      fc.property(
        fc.anything({ ...anythingOptions, withBoxedValues: true, withSparseArray: true }),
        (value) => {
          const sorted = sortedCopy(value);
          expect(canonicalJson(sorted)).toBe(byReplacer(sorted));
        },
      ),
      { numRuns: 300 },
    );
    expect(canonicalJson([new String('x'), { b: [1n], a: -0 }])).toBe(
      '[{"0":"x"},{"a":0,"b":["1"]}]',
    );
    expect(canonicalJson({ 10: 'a', 2: 'b', z: 1, y: 2 })).toBe('{"2":"b","10":"a","y":2,"z":1}');
  });

  it('should sort keys at every depth, drop undefined properties and keep null', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[3,null]},"b":1}',
    );
  });

  it('should keep a __proto__ key', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe(
      '{"__proto__":{"x":1},"a":2}',
    );
  });

  it('should hash binary data, write bigints as strings and follow toJSON', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(canonicalJson({ image: bytes, big: 12n, at: new Date(0) })).toBe(
      `{"at":"1970-01-01T00:00:00.000Z","big":"12","image":{"$sha256":"${digest}"}}`,
    );
  });

  it('should give the same text for any JSON value whatever the order of its keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(canonicalJson(reversed(json))).toBe(canonicalJson(json));
        // The same value back (as JSON has it: -0 is 0).
        expect(JSON.parse(canonicalJson(json))).toEqual(JSON.parse(JSON.stringify(json)));
      }),
      { numRuns: 300 },
    );
  });

  it('should name the top-level members it reordered, and only those', () => {
    const request = {
      tools: [{ name: 'lookup', inputSchema: { type: 'object', properties: {} } }],
      messages: [{ content: 'Hi', role: 'user' }],
      responseFormat: { schema: { properties: { b: {}, a: {} } }, type: 'json' },
    };
    const { json, reorderedMembers } = canonicalJsonOf(request);
    expect(json).toBe(canonicalJson(structuredClone(request)));
    expect(reorderedMembers.sort()).toEqual(['responseFormat', 'tools']);
    // The top level's own order is not a member's.
    expect(canonicalJsonOf({ b: [1], a: { x: 1 } }).reorderedMembers).toEqual([]);
  });
});

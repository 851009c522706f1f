import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

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

describe('canonicalJson', () => {
  it('should give the text of JSON.stringify with a sorting replacer, for any value', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withTypedArray: true,
          withNullPrototype: true,
          withDate: true,
        }),
        (value) => {
          expect(canonicalJson(value)).toBe(byReplacer(value));
        },
      ),
      { numRuns: 300 },
    );
    expect(canonicalJson(Buffer.from('hi'))).toBe(byReplacer(Buffer.from('hi')));
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
});

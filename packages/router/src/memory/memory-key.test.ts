import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMemoryKey,
  decodeMemoryPart,
  encodeMemoryKey,
  encodeMemoryPart,
  memoryNamespacePrefix,
} from './memory-key.js';

// Any UTF-16 string, lone surrogates included (which UTF-8 stores would otherwise merge).
const anyUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  anyUnits,
  fc.string({ unit: fc.constantFrom(':', '%', '*', '?', '[', ']', '\\', 'a', '3', 'A', 'u') }),
);

describe('encodeMemoryKey', () => {
  it('should encode separators, escapes and glob characters', () => {
    expect(encodeMemoryKey('memory:alice', 'lang')).toBe('kagura-memory-v2:memory%3Aalice:lang');
    expect(encodeMemoryKey('memory:alice::pref', 'lang')).not.toBe(
      encodeMemoryKey('memory:alice', 'pref::lang'),
    );
    expect(encodeMemoryPart('%*?[]\\:')).toBe('%25%2A%3F%5B%5D%5C%3A');
    expect(encodeMemoryPart('\u0000\u007f\ud800')).toBe('%00%7F%uD800');
    expect(encodeMemoryPart('😀 é')).toBe('😀 é');
    expect(encodeMemoryKey('', '')).toBe('kagura-memory-v2::');
  });

  it('should give distinct pairs distinct keys', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, anyString, (ns1, key1, ns2, key2) => {
        fc.pre(ns1 !== ns2 || key1 !== key2);
        expect(encodeMemoryKey(ns1, key1)).not.toBe(encodeMemoryKey(ns2, key2));
      }),
      { numRuns: 2000 },
    );
  });

  it('should give distinct pairs distinct keys when their parts run into each other', () => {
    // The classic collision: the separator moved from the namespace to the key.
    fc.assert(
      fc.property(anyString, anyString, anyString, (left, middle, right) => {
        fc.pre(middle !== '');
        expect(encodeMemoryKey(left + middle, right)).not.toBe(
          encodeMemoryKey(left, middle + right),
        );
      }),
    );
  });

  it('should round-trip every pair', () => {
    fc.assert(
      fc.property(anyString, anyString, (namespace, key) => {
        const stored = encodeMemoryKey(namespace, key);
        expect(decodeMemoryKey(stored)).toEqual({ namespace, key });
        expect(decodeMemoryPart(encodeMemoryPart(key))).toBe(key);
        // Well-formed UTF-16, no separator, no glob character: safe in SQLite, Redis and patterns.
        const [, encodedNamespace, encodedKey] = stored.split(':');
        for (const part of [encodedNamespace, encodedKey]) {
          expect(part).not.toMatch(/[:*?[\]\\]/);
          expect(
            [...(part ?? '')].some((character) => character < ' ' || character === '\x7f'),
          ).toBe(false);
        }
        // encodeURIComponent throws on a lone surrogate.
        expect(() => encodeURIComponent(stored)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it("should start a namespace's keys with its prefix, and no other namespace's", () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, (namespace, other, key) => {
        fc.pre(namespace !== other);
        expect(encodeMemoryKey(namespace, key).startsWith(memoryNamespacePrefix(namespace))).toBe(
          true,
        );
        expect(encodeMemoryKey(other, key).startsWith(memoryNamespacePrefix(namespace))).toBe(
          false,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('should refuse keys that are not memory keys', () => {
    expect(decodeMemoryKey('kagura:v1:abc')).toBeUndefined();
    expect(decodeMemoryKey('kagura-memory-v2:a:b:c')).toBeUndefined();
    expect(decodeMemoryKey('kagura-memory-v2:a*:b')).toBeUndefined();
    expect(decodeMemoryKey('kagura-memory-v2:%zz:b')).toBeUndefined();
  });
});

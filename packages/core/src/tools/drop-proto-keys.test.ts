import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropProtoKeys } from './drop-proto-keys.js';

describe('dropProtoKeys', () => {
  it('should drop own __proto__ keys at every depth and copy only what changed', () => {
    const clean = { b: 1 };
    const input = JSON.parse(
      '{"__proto__":{"isAdmin":true},"list":[{"__proto__":{"x":1},"a":1}],"clean":{"b":1}}',
    );
    input.clean = clean;
    const output = dropProtoKeys(input) as Record<string, unknown>;
    expect(output).not.toBe(input);
    expect(Object.hasOwn(output, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(output).toEqual({ list: [{ a: 1 }], clean: { b: 1 } });
    expect(output.clean).toBe(clean);
    expect((Object.assign({}, output) as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('should return clean values, class instances and cycles as they are', () => {
    const clean = { a: [1, { b: 'c' }], constructor: 'kept', prototype: { x: 1 } };
    expect(dropProtoKeys(clean)).toBe(clean);
    const date = new Date(0);
    expect(dropProtoKeys(date)).toBe(date);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(dropProtoKeys(cycle)).toBe(cycle);
  });

  it('should leave no own __proto__ anywhere in any parsed JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.json(), (json, injected) => {
        const text = `{"__proto__":${injected},"value":${json}}`;
        const output = dropProtoKeys(JSON.parse(text));
        const visit = (value: unknown): void => {
          if (typeof value !== 'object' || value === null) return;
          expect(Object.hasOwn(value, '__proto__')).toBe(false);
          for (const item of Object.values(value)) visit(item);
        };
        visit(output);
        const expected = JSON.parse(json, (key, value) =>
          key === '__proto__' ? undefined : value,
        );
        expect(output).toEqual({ value: expected });
      }),
    );
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { defineTool } from './define-tool.js';
import { validateToolInput } from './validate-tool-input.js';

const noop = () => undefined;

describe('validateToolInput', () => {
  it('should check a plain JSON Schema (with Ajv, loaded on first use), once compiled per tool', async () => {
    const tool = defineTool({
      name: 'capital',
      parameters: {
        type: 'object',
        properties: { country: { type: 'string' } },
        required: ['country'],
      },
      execute: noop,
    });
    expect(await validateToolInput(tool, { country: 'Japan' })).toEqual({
      valid: true,
      value: { country: 'Japan' },
    });
    expect(await validateToolInput(tool, { country: 3 })).toEqual({
      valid: false,
      problems: ['/country must be string'],
    });
    expect(await validateToolInput(tool, {})).toEqual({
      valid: false,
      problems: ["(input) must have required property 'country'"],
    });
  });

  it.each([
    ['zod 3', z3.object({ a: z3.number() })],
    ['valibot', v.object({ a: v.number() })],
  ])(
    'should check a %s schema, returning its parsed value or the paths of its issues',
    async (_, parameters) => {
      const tool = defineTool({ name: 'add', parameters, execute: noop });
      expect(await validateToolInput(tool, { a: 1 })).toEqual({ valid: true, value: { a: 1 } });
      const check = await validateToolInput(tool, { a: 'one' });
      expect(check.valid).toBe(false);
      expect((check as { problems: string[] }).problems).toEqual([expect.stringMatching(/^a: /)]);
    },
  );

  it.each([
    [
      'JSON Schema',
      {
        type: 'object',
        properties: { a: { type: 'number' }, inner: { type: 'object' } },
        required: ['a'],
      },
    ],
    ['zod', z.looseObject({ a: z.number(), inner: z.looseObject({}) })],
    ['zod 3', z3.object({ a: z3.number(), inner: z3.object({}).passthrough() }).passthrough()],
    ['valibot', v.looseObject({ a: v.number(), inner: v.looseObject({}) })],
  ])('should never hand a %s tool an own __proto__ key', async (_, parameters) => {
    const tool = defineTool({ name: 'add', parameters, execute: noop });
    const input = JSON.parse('{"__proto__":{"isAdmin":true},"a":1,"inner":{"__proto__":{"x":1}}}');
    const check = await validateToolInput(tool, input);
    expect(check.valid).toBe(true);
    const value = (check as { value: Record<string, unknown> }).value;
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(Object.hasOwn(value.inner as object, '__proto__')).toBe(false);
    const copy = Object.assign({}, value) as Record<string, unknown>;
    expect(copy.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(value).toEqual({ a: 1, inner: {} });
  });
});

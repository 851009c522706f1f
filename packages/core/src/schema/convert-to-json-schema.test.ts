import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { Ajv } from 'ajv';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z as z4 } from 'zod';
import { ZodFirstPartyTypeKind, z as z3 } from 'zod3';
import { z as zod3v4 } from 'zod3/v4';
import { bundledConverterFor } from './convert-to-json-schema.js';
import { converterLoadFor, toJSONSchema } from './standard-schema.js';
import { type Trip, tripSchemas } from './test-helpers.js';
import { ZodFirstPartyTypeKind as stubbedTypeKinds } from './zod-first-party-type-kind.js';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const trip: Trip = {
  city: 'Paris',
  stops: [{ name: 'Lyon', nights: 2 }],
  mode: 'train',
  note: 'window seat',
  budget: 900,
};

describe('toJSONSchema', () => {
  describe.each(Object.entries(tripSchemas))('with %s', (_library, schema) => {
    it('should describe objects, arrays, enums, optional and nullable fields', () => {
      const converted = toJSONSchema(schema);
      expect(converted).not.toHaveProperty('$schema');
      expect(converted.type).toBe('object');
      expect(Object.keys(converted.properties as object).sort()).toEqual([
        'budget',
        'city',
        'mode',
        'note',
        'stops',
      ]);
      expect([...(converted.required as string[])].sort()).toEqual([
        'budget',
        'city',
        'mode',
        'stops',
      ]);
      // The libraries word some parts differently (`anyOf` or a `type` array for nullable), so
      // what counts is what the schema accepts.
      const accepts = new Ajv({ strict: false }).compile(converted);
      const { note: _, ...withoutNote } = trip;
      expect(accepts(trip)).toBe(true);
      expect(accepts(withoutNote)).toBe(true);
      expect(accepts({ ...trip, budget: null })).toBe(true);
      expect(accepts({ ...trip, mode: 'car' })).toBe(false);
      expect(accepts({ ...trip, budget: undefined })).toBe(false);
      expect(accepts({ ...trip, note: 3 })).toBe(false);
      expect(accepts({ ...trip, stops: [{ name: 'Lyon', nights: 1.5 }] })).toBe(false);
      expect(accepts({ ...trip, stops: [{ nights: 1 }] })).toBe(false);
      expect(accepts({ ...trip, stops: 'Lyon' })).toBe(false);
    });

    it('should convert once, and hand out copies', () => {
      const first = toJSONSchema(schema);
      first.type = 'changed';
      const second = toJSONSchema(schema);
      expect(second.type).toBe('object');
      expect(second).not.toBe(toJSONSchema(schema));
    });
  });

  it('should prefer an explicit JSON Schema', () => {
    expect(toJSONSchema(tripSchemas['zod 3'], { type: 'object' })).toEqual({ type: 'object' });
  });

  it('should describe what a zod 3 pipe or transform accepts, and recursive schemas by $ref', () => {
    expect(toJSONSchema(z3.object({ n: z3.string().pipe(z3.coerce.number()) }))).toMatchObject({
      properties: { n: { type: 'string' } },
    });
    expect(toJSONSchema(z3.string().transform(Number))).toEqual({ type: 'string' });
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z3.ZodType<Node> = z3.lazy(() =>
      z3.object({ name: z3.string(), children: z3.array(node) }),
    );
    expect(toJSONSchema(node)).toMatchObject({
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#' } } },
    });
  });

  it('should describe what a valibot transform accepts', () => {
    expect(toJSONSchema(v.pipe(v.string(), v.transform(Number)))).toEqual({ type: 'string' });
  });

  it('should reject a valibot schema JSON Schema cannot express, naming the jsonSchema option', () => {
    const error = thrown(() => toJSONSchema(v.custom<string>((value) => value === 'x')));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/valibot schema cannot be converted .*"custom".*`jsonSchema`/);
  });

  it("should reject a zod 4 schema without Standard JSON Schema ('zod/v4' of zod 3.25), naming the fixes", () => {
    const schema = zod3v4.object({ city: zod3v4.string() });
    expect(schema['~standard']).not.toHaveProperty('jsonSchema');
    const error = thrown(() => toJSONSchema(schema));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain('Upgrade zod to 4.2 or later');
    expect(error.message).toContain('`jsonSchema` option');
  });

  it('should convert zod 4 itself (Standard JSON Schema)', () => {
    expect(toJSONSchema(z4.string().min(2))).toEqual({ type: 'string', minLength: 2 });
  });
});

describe('bundledConverterFor', () => {
  it('should name the converter of zod 3 and valibot schemas, and none for the others', () => {
    expect(bundledConverterFor(tripSchemas['zod 3'])).toBe('zodToJsonSchema');
    expect(bundledConverterFor(tripSchemas.valibot)).toBe('toJsonSchema');
    expect(bundledConverterFor(tripSchemas['zod 4'])).toBeUndefined();
    expect(bundledConverterFor(tripSchemas.arktype)).toBeUndefined();
    expect(bundledConverterFor(zod3v4.string())).toBeUndefined();
  });
});

describe('converterLoadFor', () => {
  // Run from source, `require` finds the converters' packages: there is never anything to wait
  // for (the bundled-application test covers the waiting).
  it('should have nothing to wait for where require finds the converters, nor for other values', () => {
    for (const value of [...Object.values(tripSchemas), undefined, { type: 'object' }]) {
      expect(converterLoadFor(value)).toBeUndefined();
    }
  });
});

describe('the zod/v3 stand-in of the build', () => {
  it("should equal zod 3's ZodFirstPartyTypeKind", () => {
    expect(stubbedTypeKinds).toEqual({ ...ZodFirstPartyTypeKind });
  });
});

describe('@kagura-ts/core dependencies', () => {
  it('should leave schema libraries and their converters out (they are bundled or the user’s)', () => {
    const manifest = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as { dependencies?: object; peerDependencies?: object };
    const runtime = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    for (const name of [
      'zod',
      'valibot',
      'arktype',
      'zod-to-json-schema',
      '@valibot/to-json-schema',
    ])
      expect(runtime).not.toContain(name);
  });
});

describe('toJSONSchema with zod 4 types JSON Schema cannot express', () => {
  it.each([
    ['z.date()', z4.object({ when: z4.date() })],
    ['z.bigint()', z4.object({ count: z4.bigint() })],
    [
      'z.custom()',
      z4.object({ blob: z4.custom<Uint8Array>((value) => value instanceof Uint8Array) }),
    ],
  ])('should refuse %s with an InvalidArgumentError that says what to do', (_what, schema) => {
    const error = thrown(() => toJSONSchema(schema));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain('the zod schema cannot be converted to JSON Schema');
    expect(error.message).toContain('`jsonSchema` option');
  });
});

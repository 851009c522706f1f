import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/create-rng.js';
import { generateFromSchema } from './generate-from-schema.js';

// ajv-formats is CommonJS; depending on the loader its default export is wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);

function expectValid(schema: object, seed = 1): unknown {
  const value = generateFromSchema(schema, createRng(seed));
  const validate = ajv.compile(schema);
  expect(validate(value), JSON.stringify({ value, errors: validate.errors })).toBe(true);
  return value;
}

describe('generateFromSchema', () => {
  it('should satisfy an object schema with required and additionalProperties false', () => {
    const value = expectValid({
      type: 'object',
      properties: {
        name: { type: 'string' },
        age: { type: 'integer', minimum: 18, maximum: 99 },
        score: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        active: { type: 'boolean' },
        nothing: { type: 'null' },
      },
      required: ['name', 'age', 'score', 'active', 'nothing'],
      additionalProperties: false,
    });
    expect(Object.keys(value as object).sort()).toEqual([
      'active',
      'age',
      'name',
      'nothing',
      'score',
    ]);
  });

  it('should satisfy string formats, enum, const and lengths', () => {
    expectValid({
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        day: { type: 'string', format: 'date' },
        email: { type: 'string', format: 'email' },
        site: { type: 'string', format: 'uri' },
        id: { type: 'string', format: 'uuid' },
        color: { enum: ['red', 'green', 'blue'] },
        kind: { const: 'fixed' },
        long: { type: 'string', minLength: 40 },
        short: { type: 'string', maxLength: 3 },
      },
      required: ['when', 'day', 'email', 'site', 'id', 'color', 'kind', 'long', 'short'],
    });
  });

  it('should satisfy arrays with item schemas and size bounds', () => {
    for (const seed of [2, 3, 4, 5, 6]) {
      expectValid(
        { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'boolean' }], items: false },
        seed,
      );
    }
    const value = expectValid({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' }, minItems: 4, maxItems: 6 },
        pair: {
          type: 'array',
          prefixItems: [{ type: 'integer' }, { type: 'boolean' }],
          items: false,
        },
        none: { type: 'array', items: { type: 'number' }, maxItems: 0 },
      },
      required: ['tags', 'pair', 'none'],
    }) as { tags: string[] };
    expect(value.tags.length).toBeGreaterThanOrEqual(4);
  });

  it('should pick the first non-null branch of anyOf and oneOf, and the first non-null type', () => {
    const value = expectValid({
      type: 'object',
      properties: {
        maybe: { anyOf: [{ type: 'null' }, { type: 'integer' }] },
        either: { oneOf: [{ type: 'string', enum: ['x'] }, { type: 'number' }] },
        multi: { type: ['null', 'boolean'] },
      },
      required: ['maybe', 'either', 'multi'],
    }) as Record<string, unknown>;
    expect(typeof value.maybe).toBe('number');
    expect(value.either).toBe('x');
    expect(typeof value.multi).toBe('boolean');
  });

  it('should follow $ref to $defs and definitions, and terminate on recursive schemas', () => {
    expectValid({
      type: 'object',
      properties: { owner: { $ref: '#/$defs/person' }, pet: { $ref: '#/definitions/pet' } },
      required: ['owner', 'pet'],
      $defs: {
        person: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            friends: { type: 'array', items: { $ref: '#/$defs/person' } },
          },
          required: ['name', 'friends'],
        },
      },
      definitions: {
        pet: {
          type: 'object',
          properties: { legs: { type: 'integer', minimum: 0 } },
          required: ['legs'],
        },
      },
    });
  });

  it('should merge allOf parts', () => {
    const value = expectValid({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] },
      ],
    }) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['a', 'b']);
  });

  it('should satisfy an OpenAI strict-mode schema (all required, nullable via anyOf)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expectValid(
        {
          type: 'object',
          properties: {
            title: { type: 'string' },
            rating: { type: 'number', minimum: 1, maximum: 5 },
            note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
            steps: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  text: { type: 'string' },
                  minutes: { type: 'integer', multipleOf: 5 },
                },
                required: ['text', 'minutes'],
                additionalProperties: false,
              },
            },
          },
          required: ['title', 'rating', 'note', 'steps'],
          additionalProperties: false,
        },
        seed,
      );
    }
  });

  it('should be deterministic for the same seed', () => {
    const schema = {
      type: 'object',
      properties: { n: { type: 'integer' }, s: { type: 'string' } },
    };
    expect(generateFromSchema(schema, createRng(5))).toEqual(
      generateFromSchema(schema, createRng(5)),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isStrictJsonSchema } from './is-strict-json-schema.js';

const closed = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

describe('isStrictJsonSchema', () => {
  it('should accept closed objects with every property required, nested too', () => {
    const schema = closed({
      name: { type: 'string' },
      address: closed({ city: { type: 'string' } }),
      pets: { type: 'array', items: closed({ kind: { type: 'string' } }) },
      contact: { anyOf: [closed({ email: { type: 'string' } }), { type: 'null' }] },
    });
    expect(isStrictJsonSchema(schema)).toBe(true);
  });

  it('should reject an object that allows additional properties', () => {
    expect(
      isStrictJsonSchema({ ...closed({ a: { type: 'string' } }), additionalProperties: true }),
    ).toBe(false);
    const { additionalProperties: _, ...open } = closed({ a: { type: 'string' } });
    expect(isStrictJsonSchema(open)).toBe(false);
  });

  it('should reject an optional property', () => {
    expect(
      isStrictJsonSchema({ ...closed({ a: { type: 'string' }, b: {} }), required: ['a'] }),
    ).toBe(false);
  });

  it('should reject an open object deep inside', () => {
    const schema = closed({
      items: { type: 'array', items: { type: 'object', properties: { x: { type: 'number' } } } },
    });
    expect(isStrictJsonSchema(schema)).toBe(false);
    const withDefinitions = {
      ...closed({ a: { $ref: '#/$defs/A' } }),
      $defs: { A: { type: 'object' } },
    };
    expect(isStrictJsonSchema(withDefinitions)).toBe(false);
  });

  it('should reject a root that is not an object', () => {
    expect(isStrictJsonSchema({ type: 'array', items: { type: 'string' } })).toBe(false);
  });
});

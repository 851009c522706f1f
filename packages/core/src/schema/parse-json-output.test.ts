import { OutputParseError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonOutput } from './parse-json-output.js';
import { toJSONSchema } from './standard-schema.js';

const Person = z.object({ name: z.string(), age: z.number().int() });

describe('parseJsonOutput', () => {
  it('should parse and validate JSON, tolerating a code fence', async () => {
    expect(await parseJsonOutput('{"name":"Ada","age":36}', Person)).toEqual({
      name: 'Ada',
      age: 36,
    });
    expect(await parseJsonOutput('```json\n{"name":"Ada","age":36}\n```', Person)).toEqual({
      name: 'Ada',
      age: 36,
    });
  });

  it('should keep the raw text and the issues when the reply is wrong', async () => {
    const error = await parseJsonOutput('{"name":"Ada","age":"old"}', Person).catch(
      (caught) => caught,
    );
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(error.text).toBe('{"name":"Ada","age":"old"}');
    expect(error.issues[0].path).toEqual(['age']);
    expect(error.message).toContain('age:');
    const notJson = await parseJsonOutput('Sure! Here it is', Person).catch((caught) => caught);
    expect(notJson.message).toContain('was not valid JSON');
    expect(notJson.text).toBe('Sure! Here it is');
  });
});

describe('toJSONSchema', () => {
  it('should convert a Standard JSON Schema validator and prefer an explicit schema', () => {
    expect(toJSONSchema(Person)).toMatchObject({ type: 'object', required: ['name', 'age'] });
    expect(toJSONSchema(Person)).not.toHaveProperty('$schema');
    expect(toJSONSchema(Person, { type: 'object' })).toEqual({ type: 'object' });
  });

  it('should ask for jsonSchema when the validator cannot convert itself', () => {
    const bare = {
      '~standard': {
        version: 1 as const,
        vendor: 'acme',
        validate: (value: unknown) => ({ value }),
      },
    };
    expect(() => toJSONSchema(bare)).toThrow(/acme.*jsonSchema/s);
  });
});

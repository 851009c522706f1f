import { defineTool, toJSONSchema } from '@kagura-ts/core';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { createClient } from 'kagura-ts';
import { describe, expect, it } from 'vitest';
// The schema libraries are core's dev dependencies; its test helpers build one schema with each.
import { tripSchemas } from '../../../core/src/schema/test-helpers.js';

const simulator = useSimulator();

function client() {
  return createClient({
    openai: { baseURL: simulator().openaiBaseURL, apiKey: 'k' },
    anthropic: { baseURL: simulator().anthropicBaseURL, apiKey: 'k' },
    cache: false,
  });
}

describe.each(Object.entries(tripSchemas))('structured output with a %s schema', (_, schema) => {
  it.each([
    ['openai', 'openai:gpt-4o-mini'],
    ['anthropic', 'anthropic:claude-haiku-4-5'],
  ])('should send its JSON Schema to %s and return the validated object', async (api, model) => {
    const response = await client().call('Plan a trip to Paris.', { model, schema });
    const object = response.object as { city: unknown; stops: unknown; mode: unknown };
    expect(typeof object.city).toBe('string');
    expect(Array.isArray(object.stops)).toBe(true);
    expect(['train', 'plane']).toContain(object.mode);
    expect((await schema['~standard'].validate(object)).issues).toBeUndefined();
    const request = simulator().requests.at(-1)!;
    expect(request.api).toBe(api);
    const sent =
      api === 'openai'
        ? (request.body as { response_format: { json_schema: { schema: unknown } } })
            .response_format.json_schema.schema
        : (request.body as { tools: Array<{ input_schema: unknown }> }).tools[0]!.input_schema;
    expect(sent).toEqual(toJSONSchema(schema));
  });

  it('should describe a tool whose parameters it validates', async () => {
    const tool = defineTool({ name: 'book', parameters: schema, execute: (trip) => trip.city });
    expect(tool.inputSchema).toEqual(toJSONSchema(schema));
    simulator().addRule({
      match: 'Book it',
      times: 1,
      toolCalls: [{ name: 'book', input: { city: 'Paris', stops: [], mode: 'car', budget: 1 } }],
    });
    simulator().addRule({ match: 'Invalid arguments', reply: 'Let me fix the mode.' });
    const response = await client().call('Book it.', {
      model: 'openai:gpt-4o-mini',
      tools: [tool],
    });
    // The model's call had a mode the schema does not allow: it got the problem back, not a run.
    const [result] = response.steps![0]!.toolResults;
    expect(result).toMatchObject({ isError: true });
    expect(JSON.stringify(result)).toMatch(/Invalid arguments for 'book': mode/);
    const first = simulator().requests.at(-2)!.body as {
      tools: Array<{ function: { parameters: unknown } }>;
    };
    expect(first.tools[0]!.function.parameters).toEqual(toJSONSchema(schema));
  });
});

import { describe, expect, it } from 'vitest';
import { defineTool } from './define-tool.js';

describe('defineTool', () => {
  const parameters = {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'number' } },
    required: ['city'],
  };

  it('should keep the JSON Schema it was defined with, in its own key order', () => {
    const schema = structuredClone(parameters);
    const tool = defineTool({ name: 'weather', parameters: schema, execute: () => 'sunny' });
    expect(tool.inputSchema).toEqual(parameters);
    expect(Object.keys(tool.inputSchema)).toEqual(['type', 'properties', 'required']);
    // A change to the caller's object afterwards does not change the tool.
    schema.required.push('days');
    expect(tool.inputSchema).toEqual(parameters);
  });

  it('should refuse a bad name or a missing execute, naming it', () => {
    expect(() => defineTool({ name: 'no spaces', parameters, execute: () => 1 })).toThrow(
      /'no spaces' is not a valid tool name/,
    );
    expect(() => defineTool({ name: 'ok', parameters, execute: 1 as never })).toThrow(
      /expected a function/,
    );
  });
});

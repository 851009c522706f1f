import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config.js';

describe('validateConfig', () => {
  it('should accept valid settings', () => {
    expect(() => validateConfig({ temperature: 0, topP: 1, maxTokens: 10, seed: 7 })).not.toThrow();
  });

  it('should name the bad setting and its value', () => {
    expect(() => validateConfig({ temperature: 3 })).toThrow(
      'Invalid temperature: expected a number from 0 to 2, got 3.',
    );
    expect(() => validateConfig({ topP: Number.NaN })).toThrow(/topP/);
    expect(() => validateConfig({ maxTokens: 0 })).toThrow(
      /maxTokens: expected a positive integer, got 0/,
    );
    expect(() => validateConfig({ maxTokens: 1.5 })).toThrow(/maxTokens/);
    expect(() => validateConfig({ seed: 0.5 })).toThrow(/seed/);
  });

  it('should refuse a maxTokens no model could write', () => {
    expect(() => validateConfig({ maxTokens: 1e12 })).toThrow(
      /maxTokens: 1000000000000 is more than any model writes in one reply; pass at most 1048576/,
    );
    expect(() => validateConfig({ maxTokens: 2 ** 20 })).not.toThrow();
  });

  it.each([
    [123, '123'],
    [[1, 2], '[1, 2]'],
    [{}, '{}'],
    ['', '""'],
    [['END', ''], '["END", ""]'],
  ])('should refuse the stop setting %j, showing it', (stop, shown) => {
    expect(() => validateConfig({ stop: stop as string })).toThrow(
      `Invalid stop: expected a stop sequence or a list of them (non-empty strings), got ${shown}.`,
    );
  });

  it('should accept a stop sequence or a list of them', () => {
    expect(() => validateConfig({ stop: 'END' })).not.toThrow();
    expect(() => validateConfig({ stop: ['\n\n', 'END'] })).not.toThrow();
  });

  it('should refuse tools that are not definitions, naming the tool and the fix', () => {
    const tools = (value: unknown) => ({ tools: value as [] });
    expect(() => validateConfig(tools({ name: 'add' }))).toThrow(
      'Invalid tools: expected a list of tools, got {"name":"add"}.',
    );
    expect(() => validateConfig(tools(['add']))).toThrow(/tools\[0\]: expected a tool/);
    expect(() => validateConfig(tools([{ inputSchema: {} }]))).toThrow(/tools\[0\]\.name/);
    expect(() => validateConfig(tools([{ name: 'add', parameters: {} }]))).toThrow(
      "Invalid tools[0].inputSchema: tool 'add' has no JSON Schema in inputSchema: a tool with " +
        'parameters and execute is made with defineTool({ name, parameters, execute }).',
    );
    expect(() =>
      validateConfig(tools([{ name: 'add', inputSchema: { type: 'object' } }])),
    ).not.toThrow();
  });
});

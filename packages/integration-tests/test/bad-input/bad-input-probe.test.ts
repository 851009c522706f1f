// The bad inputs listed by issue 11's probe, through the umbrella package: each is refused with
// an InvalidArgumentError or a TemplateError that names what is wrong, and the server sees no
// request. The unit tests next to each check cover the details; this file is the list as a user
// meets it.
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import {
  type CallOptions,
  type Client,
  createClient,
  defineAgent,
  defineTool,
  InvalidArgumentError,
  TemplateError,
} from 'kagura-ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function client(options: Record<string, unknown> = {}): Client {
  return createClient({
    openai: { baseURL: simulator.openaiBaseURL, apiKey: 'sk-test' },
    anthropic: false,
    model: 'openai:gpt-4o-mini',
    ...options,
  });
}

async function refusal(run: () => Promise<unknown> | unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the input to be refused');
}

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { name: 'loop' };
  value.self = value;
  return value;
}

type Probe = [what: string, argument: RegExp, options: Record<string, unknown>];

const callProbes: Probe[] = [
  ["model 'openai::gpt-4o-mini'", /model/, { model: 'openai::gpt-4o-mini' }],
  ["model 'openai: gpt-4o-mini'", /model/, { model: 'openai: gpt-4o-mini' }],
  ['a model with a trailing newline', /model/, { model: 'gpt-4o-mini\n' }],
  ['a model with an embedded space', /model/, { model: 'gpt 4o-mini' }],
  ['a model of 100k characters', /model/, { model: 'x'.repeat(100_000) }],
  ['a model that is not a string', /model/, { model: 42 }],
  ['maxTokens: 1e12', /maxTokens/, { maxTokens: 1e12 }],
  ['stop: 123', /stop/, { stop: 123 }],
  ['stop: [1, 2]', /stop/, { stop: [1, 2] }],
  ['stop: {}', /stop/, { stop: {} }],
  ["cache: 'yes'", /cache/, { cache: 'yes' }],
  ['retry.maxRetries: -1', /retry\.maxRetries/, { retry: { maxRetries: -1 } }],
  ['retry.maxRetries: NaN', /retry\.maxRetries/, { retry: { maxRetries: Number.NaN } }],
  ["retry.maxRetries: '3'", /retry\.maxRetries/, { retry: { maxRetries: '3' } }],
  ['retry.baseDelayMs: -5', /retry\.baseDelayMs/, { retry: { baseDelayMs: -5 } }],
  ['timeout.totalMs: -1', /timeout\.totalMs/, { timeout: { totalMs: -1 } }],
  ['timeout.totalMs: NaN', /timeout\.totalMs/, { timeout: { totalMs: Number.NaN } }],
  ['timeout.totalMs: 0', /timeout\.totalMs/, { timeout: { totalMs: 0 } }],
  ["timeout.totalMs: '5000'", /timeout\.totalMs/, { timeout: { totalMs: '5000' } }],
  ['timeout.firstTokenMs: NaN', /timeout\.firstTokenMs/, { timeout: { firstTokenMs: Number.NaN } }],
  ['a BigInt in providerOptions', /providerOptions/, { providerOptions: { openai: { n: 1n } } }],
  ['a circular providerOptions', /providerOptions/, { providerOptions: { openai: circular() } }],
  [
    'a BigInt in a tool schema',
    /tools/,
    { tools: [{ name: 'add', inputSchema: { type: 'object', default: 1n } }] },
  ],
  [
    'a circular tool schema',
    /tools/,
    { tools: [{ name: 'add', inputSchema: { type: 'object', extra: circular() } }] },
  ],
  ['tools that are not a list', /^tools$/, { tools: { name: 'add' } }],
  ['a tool without a name', /tools\[0\]\.name/, { tools: [{ inputSchema: { type: 'object' } }] }],
  [
    'a tool definition given parameters instead of inputSchema',
    /tools\[0\]\.inputSchema/,
    { tools: [{ name: 'add', parameters: { type: 'object' } }] },
  ],
];

describe('bad call options', () => {
  it.each(callProbes)('should refuse %s before any request', async (_what, argument, options) => {
    const kagura = client();
    const error = await refusal(() => kagura.call('Hello', options as CallOptions));
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toMatch(argument);
    // A stream refuses the same settings when it is created.
    expect(() => kagura.stream('Hello', options as CallOptions)).toThrow(InvalidArgumentError);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('bad cache options', () => {
  it.each([
    ['storeTimeoutMs: Infinity', { storeTimeoutMs: Number.POSITIVE_INFINITY }],
    ['storeTimeoutMs above 2^31-1', { storeTimeoutMs: 2 ** 31 }],
  ])('should refuse %s when the client is created', (_what, cache) => {
    const error = (() => {
      try {
        client({ cache });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toMatch(/storeTimeoutMs/);
  });
});

const badMessages: Array<[string, unknown]> = [
  ['a text part without text', [{ role: 'user', content: [{ type: 'text' }] }]],
  ['a text part with text: 42', [{ role: 'user', content: [{ type: 'text', text: 42 }] }]],
  ['an image given as a string', [{ role: 'user', content: ['https://example.com/cat.png'] }]],
  [
    'an empty tool-call part',
    [
      { role: 'user', content: 'Add.' },
      { role: 'assistant', content: [{ type: 'tool-call' }] },
    ],
  ],
  [
    'a BigInt in a message',
    [
      { role: 'user', content: 'Add.' },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 't', toolName: 'add', input: { n: 1n } }],
      },
    ],
  ],
  [
    'a circular value in a message',
    [
      { role: 'user', content: 'Add.' },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 't', toolName: 'add', input: circular() }],
      },
    ],
  ],
];

describe('bad messages', () => {
  it.each(badMessages)('should refuse %s before any request', async (_what, messages) => {
    const error = await refusal(() => client().call(messages as never));
    expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toMatch(/^prompt\[\d\]/);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('schemas that cannot become JSON Schema', () => {
  it.each<[string, z.ZodType]>([
    ['z.date()', z.object({ when: z.date() })],
    ['z.bigint()', z.object({ n: z.bigint() })],
    ['z.custom()', z.object({ x: z.custom<string>((value) => typeof value === 'string') })],
  ])('should refuse %s as an output schema and as tool parameters', async (_what, schema) => {
    const output = await refusal(() => client().call('Hello', { schema }));
    expect(InvalidArgumentError.isInstance(output), String(output)).toBe(true);
    expect(output.message).toMatch(/JSON Schema/);
    const tool = await refusal(() =>
      defineTool({ name: 'pick', parameters: schema, execute: () => 'ok' }),
    );
    expect(InvalidArgumentError.isInstance(tool), String(tool)).toBe(true);
    expect(simulator.requests).toHaveLength(0);
  });
});

describe('template arguments that are not text', () => {
  const loop = circular();
  const list: unknown[] = ['a'];
  list.push(list);
  it.each([
    ['a function', () => 'sk-secret-in-the-source'],
    ['a circular object', loop],
    ['a circular object inside an array', [loop]],
    ['an array that contains itself', list],
    ['a function inside an array', ['first', () => 'sk-secret-in-the-source']],
  ])('should refuse %s before any request', async (_what, value) => {
    const summarize = defineAgent('Summarize {{ text }}.', { client: client() });
    const error = await refusal(() => summarize({ text: value }));
    expect(TemplateError.isInstance(error), String(error)).toBe(true);
    expect(error.message).not.toContain('sk-secret-in-the-source');
    expect(simulator.requests).toHaveLength(0);
  });
});

import type { Message, ModelRequest, PromptCacheRequest } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import {
  type ConvertToOpenAIRequestOptions,
  convertToOpenAIRequest,
} from './convert-to-openai-request.js';

const options: ConvertToOpenAIRequestOptions = {
  providerName: 'openai',
  modelId: 'gpt-5.6',
  maxTokensField: 'max_completion_tokens',
  promptCacheBreakpoints: true,
};

const conversation: Message[] = [
  { role: 'system', content: 'You are a bank desk.' },
  { role: 'user', content: 'Can I close my account?' },
  { role: 'assistant', content: 'Yes, online.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Here is my card:' },
      { type: 'image', image: 'https://example.com/card.png' },
    ],
  },
];

function convert(
  breakpoints: PromptCacheRequest['breakpoints'],
  request: Partial<ModelRequest> = {},
  overrides: Partial<ConvertToOpenAIRequestOptions> = {},
) {
  const body = convertToOpenAIRequest(
    { messages: conversation, promptCache: { breakpoints }, ...request },
    { ...options, ...overrides },
  ) as unknown as Record<string, unknown> & { messages: Array<{ role: string; content: unknown }> };
  return body;
}

const marked = (body: unknown) => JSON.stringify(body).match(/prompt_cache_breakpoint/g) ?? [];

describe('convertToOpenAIRequest prompt-cache breakpoints', () => {
  it('should turn a string content into one marked text part', () => {
    const body = convert({ messages: [{ index: 1 }] });
    expect(body.messages[1]).toEqual({
      role: 'user',
      content: [
        {
          type: 'text',
          text: 'Can I close my account?',
          prompt_cache_breakpoint: { mode: 'explicit' },
        },
      ],
    });
    // The other messages are sent as before.
    expect(body.messages[2]).toEqual({ role: 'assistant', content: 'Yes, online.' });
    expect(marked(body)).toHaveLength(1);
  });

  it('should mark the last part of a message of parts', () => {
    const body = convert({ messages: [{ index: 3 }] });
    expect(body.messages[3]!.content).toEqual([
      { type: 'text', text: 'Here is my card:' },
      {
        type: 'image_url',
        image_url: { url: 'https://example.com/card.png' },
        prompt_cache_breakpoint: { mode: 'explicit' },
      },
    ]);
  });

  it('should mark the last system message for the system breakpoint', () => {
    const body = convert(
      { system: {} },
      {
        messages: [
          { role: 'system', content: 'First rules.' },
          { role: 'system', content: 'More rules.' },
          { role: 'user', content: 'Hi' },
        ],
      },
    );
    expect(body.messages.slice(0, 2)).toEqual([
      { role: 'system', content: 'First rules.' },
      {
        role: 'system',
        content: [
          { type: 'text', text: 'More rules.', prompt_cache_breakpoint: { mode: 'explicit' } },
        ],
      },
    ]);
  });

  it('should move a tools breakpoint to the system message when there is no system one', () => {
    const tools = [{ name: 'lookup', inputSchema: { type: 'object' } }];
    const body = convert({ tools: { ttl: '1h' } }, { tools });
    expect(body.messages[0]).toEqual({
      role: 'system',
      content: [
        {
          type: 'text',
          text: 'You are a bank desk.',
          prompt_cache_breakpoint: { mode: 'explicit', ttl: '12h' },
        },
      ],
    });
    expect(JSON.stringify(body.tools)).not.toContain('prompt_cache');
  });

  it('should drop a tools breakpoint beside a system one, or without a system message', () => {
    const tools = [{ name: 'lookup', inputSchema: { type: 'object' } }];
    const both = convert({ tools: { ttl: '1h' }, system: {} }, { tools });
    expect(marked(both)).toHaveLength(1);
    // The system breakpoint's own TTL, not the tools one's.
    expect(both.messages[0]!.content).toEqual([
      { type: 'text', text: 'You are a bank desk.', prompt_cache_breakpoint: { mode: 'explicit' } },
    ]);
    const noSystem = convert({ tools: {} }, { tools, messages: [{ role: 'user', content: 'Hi' }] });
    expect(marked(noSystem)).toHaveLength(0);
  });

  it("should map ttl '5m' to OpenAI's default and '1h' to '12h'", () => {
    const body = convert({
      messages: [
        { index: 1, ttl: '5m' },
        { index: 2, ttl: '1h' },
      ],
    });
    expect(body.messages[1]!.content).toEqual([
      {
        type: 'text',
        text: 'Can I close my account?',
        prompt_cache_breakpoint: { mode: 'explicit' },
      },
    ]);
    expect(body.messages[2]!.content).toEqual([
      {
        type: 'text',
        text: 'Yes, online.',
        prompt_cache_breakpoint: { mode: 'explicit', ttl: '12h' },
      },
    ]);
  });

  it('should pass the breakpoint of a tool-calls-only message to the message before it', () => {
    const messages: Message[] = [
      { role: 'user', content: 'Balance?' },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'balance', input: {} }],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'balance', output: '12 EUR' }],
      },
    ];
    const body = convert({ messages: [{ index: 1 }] }, { messages });
    expect(body.messages[0]!.content).toEqual([
      { type: 'text', text: 'Balance?', prompt_cache_breakpoint: { mode: 'explicit' } },
    ]);
    expect(body.messages[1]).toMatchObject({ role: 'assistant', content: null });
    // Both on one part: it is marked once, keeping the longer lifetime.
    const twice = convert({ messages: [{ index: 0, ttl: '1h' }, { index: 1 }] }, { messages });
    expect(marked(twice)).toHaveLength(1);
    expect(twice.messages[0]!.content).toEqual([
      { type: 'text', text: 'Balance?', prompt_cache_breakpoint: { mode: 'explicit', ttl: '12h' } },
    ]);
  });

  it('should mark the last tool result of a tool message', () => {
    const messages: Message[] = [
      { role: 'user', content: 'Balances?' },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 'balance', output: '12 EUR' },
          { type: 'tool-result', toolCallId: 'c2', toolName: 'balance', output: { amount: 3 } },
        ],
      },
    ];
    const body = convert({ messages: [{ index: 1 }] }, { messages });
    expect(body.messages[1]).toEqual({ role: 'tool', tool_call_id: 'c1', content: '12 EUR' });
    expect(body.messages[2]).toEqual({
      role: 'tool',
      tool_call_id: 'c2',
      content: [
        { type: 'text', text: '{"amount":3}', prompt_cache_breakpoint: { mode: 'explicit' } },
      ],
    });
  });

  it('should send no breakpoint, no prompt_cache_options and no retention when not enabled', () => {
    const breakpoints = { system: {}, tools: {}, messages: [{ index: 1 }, { index: 3 }] };
    const off = convert(breakpoints, {}, { promptCacheBreakpoints: false });
    expect(marked(off)).toHaveLength(0);
    expect(off.messages[1]).toEqual({ role: 'user', content: 'Can I close my account?' });
    const on = convert(breakpoints);
    expect(marked(on)).toHaveLength(3);
    for (const body of [on, off]) {
      expect(body).not.toHaveProperty('prompt_cache_options');
      expect(body).not.toHaveProperty('prompt_cache_retention');
    }
  });
});

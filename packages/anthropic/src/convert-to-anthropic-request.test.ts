import type { ModelRequest } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';

const options = { providerName: 'anthropic', modelId: 'claude-sonnet-4-6', defaultMaxTokens: 1024 };

describe('convertToAnthropicRequest', () => {
  it('should send no cache_control without prompt-cache breakpoints', () => {
    const { body } = convertToAnthropicRequest(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
      options,
    );
    expect(body.system).toBe('Be brief.');
    expect(body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('should mark the last tool, the system prompt and the marked messages with cache_control', () => {
    const request: ModelRequest = {
      messages: [
        { role: 'system', content: 'You are the support desk.' },
        { role: 'user', content: 'What is my balance?' },
        { role: 'assistant', content: 'It is 120 euros.' },
        { role: 'user', content: 'And yesterday?' },
      ],
      tools: [
        { name: 'lookup', inputSchema: { type: 'object' } },
        { name: 'transfer', inputSchema: { type: 'object' } },
      ],
      promptCache: {
        breakpoints: { tools: {}, system: { ttl: '1h' }, messages: [{ index: 2 }] },
      },
    };
    const { body } = convertToAnthropicRequest(request, options);
    expect(body.tools).toEqual([
      { name: 'lookup', input_schema: { type: 'object' } },
      { name: 'transfer', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
    ]);
    expect(body.system).toEqual([
      {
        type: 'text',
        text: 'You are the support desk.',
        cache_control: { type: 'ephemeral', ttl: '1h' },
      },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: 'What is my balance?' },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'It is 120 euros.', cache_control: { type: 'ephemeral' } }],
      },
      { role: 'user', content: 'And yesterday?' },
    ]);
  });

  it('should mark the last block of a tool result that ends the marked prefix', () => {
    const { body } = convertToAnthropicRequest(
      {
        messages: [
          { role: 'user', content: 'What time is it?' },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'now', input: {} }],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'now', output: '12:00' }],
          },
        ],
        promptCache: { breakpoints: { messages: [{ index: 1 }] } },
      },
      options,
    );
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool_use',
          id: 't1',
          name: 'now',
          input: {},
          cache_control: { type: 'ephemeral' },
        },
      ],
    });
    expect(JSON.stringify(body.messages[2])).not.toContain('cache_control');
  });
});

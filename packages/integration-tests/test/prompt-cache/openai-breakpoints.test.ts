// OpenAI's explicit prompt-cache breakpoints (gpt-5.6 and later) end to end: Kagura places them,
// the OpenAI provider sends them as `prompt_cache_breakpoint` on content parts, through the real
// SDK over HTTP, and the simulator caches exactly through them and reports reads and writes.

import { createClient } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { describe, expect, it } from 'vitest';

const simulator = useSimulator();

// A system prompt of about 1500 tokens by the simulator's count and by Kagura's estimate.
const instructions =
  'You are the support desk of a bank; answer politely, in one sentence. '.repeat(100);

function openaiClient(model: string) {
  return createClient({
    providers: {
      // The simulator is not api.openai.com: say that it takes what OpenAI's API takes.
      openai: createOpenAI({
        baseURL: simulator().openaiBaseURL,
        apiKey: 'k',
        promptCacheKey: true,
        promptCacheBreakpoints: true,
      }),
    },
    model: `openai:${model}`,
    cache: false,
  });
}

const chatRecords = () => simulator().requests.filter((request) => request.api === 'openai');

describe('prompt caching with OpenAI breakpoints', () => {
  it('should mark the system prompt for gpt-5.6, write it once and read it after', async () => {
    const client = openaiClient('gpt-5.6');
    const first = await client.call('Can I close my account online?', { system: instructions });
    const second = await client.call('What are your opening hours?', { system: instructions });
    const [written, read] = chatRecords();
    const system = (written!.body as { messages: Array<{ role: string; content: unknown }> })
      .messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toEqual([
      { type: 'text', text: instructions, prompt_cache_breakpoint: { mode: 'explicit' } },
    ]);
    expect(written!.body).not.toHaveProperty('prompt_cache_options');
    expect(written!.body).not.toHaveProperty('prompt_cache_retention');
    expect(first.usage.cacheWriteInputTokens).toBeGreaterThan(0);
    expect(first.usage.cacheWriteInputTokens).toBe(written!.promptCache!.writeTokens);
    expect(second.usage.cachedInputTokens).toBeGreaterThan(0);
    expect(second.usage.cachedInputTokens).toBe(read!.promptCache!.readTokens);
    // The breakpoint ends the prefix exactly at the system prompt, not at a 128-token step.
    expect(second.usage.cachedInputTokens % 128).not.toBe(0);
  });

  it('should send no breakpoint to gpt-4o-mini', async () => {
    const client = openaiClient('gpt-4o-mini');
    await client.call('Can I close my account online?', { system: instructions });
    const [record] = chatRecords();
    expect(JSON.stringify(record!.body)).not.toContain('prompt_cache_breakpoint');
    expect(record!.body).toMatchObject({
      messages: [{ role: 'system', content: instructions }, { role: 'user' }],
    });
  });
});

// Provider prompt caching end to end: Kagura's breakpoints, keys, usage, cost, miss diagnosis
// and warm-then-fan-out, through the real SDKs over HTTP against the simulator, which models
// the providers' prefix caches (what each request read and wrote is in its record).

import { createAnthropic } from '@kagura-ts/anthropic';
import {
  type ClientOptions,
  costOf,
  createClient,
  defaultModelPrices,
  defineTool,
  type KaguraEvent,
  type PromptCacheMissEvent,
  parallelMap,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { describe, expect, it } from 'vitest';

const simulator = useSimulator();

// A system prompt of about 1500 tokens by the simulator's count and by Kagura's estimate.
const instructions =
  'You are the support desk of a bank; answer politely, in one sentence. '.repeat(100);

function anthropicClient(options: Partial<ClientOptions> = {}) {
  return createClient({
    providers: {
      anthropic: createAnthropic({ baseURL: simulator().anthropicBaseURL, apiKey: 'k' }),
    },
    model: 'anthropic:claude-sonnet-4-6',
    cache: false,
    ...options,
  });
}

const chatRecords = () =>
  simulator().requests.filter((request) => request.api === 'anthropic' || request.api === 'openai');

describe('prompt caching with Anthropic', () => {
  it('should mark the system prompt, write it once, read it after, and price both', async () => {
    const client = anthropicClient();
    const first = await client.call('Can I close my account online?', { system: instructions });
    const second = await client.call('What are your opening hours?', { system: instructions });
    const [written, read] = chatRecords();
    expect(JSON.stringify(written!.body)).toContain('"cache_control":{"type":"ephemeral"}');
    expect(written!.promptCache).toMatchObject({ readTokens: 0 });
    expect(written!.promptCache!.writeTokens).toBeGreaterThan(1000);
    expect(read!.promptCache!.readTokens).toBe(written!.promptCache!.writeTokens);
    expect(first.usage.cacheWriteInputTokens).toBe(written!.promptCache!.writeTokens);
    expect(second.usage.cachedInputTokens).toBe(read!.promptCache!.readTokens);
    // Reads at a tenth of the input rate, writes at 1.25 times it.
    const price = defaultModelPrices['claude-sonnet-4-6'];
    expect(first.cost.usd).toBeCloseTo(costOf(first.usage, price), 12);
    expect(second.cost.usd).toBeCloseTo(costOf(second.usage, price), 12);
    expect(second.cost.usd).toBeLessThan(first.cost.usd / 3);
  });

  it('should place no breakpoint below the minimum, and only hand-placed ones with explicit', async () => {
    const client = anthropicClient();
    await client.call('Hi', { system: 'Be brief.' });
    await client.call('Hi again', { system: instructions, promptCache: 'explicit' });
    for (const record of chatRecords())
      expect(JSON.stringify(record.body)).not.toContain('cache_control');
  });

  it('should read the cache on every turn of a conversation after the first', async () => {
    const client = anthropicClient();
    const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [];
    for (const question of ['Can I close my account?', 'Online?', 'And the fees?', 'Thanks.']) {
      messages.push({ role: 'user', content: question });
      const answer = await client.call(messages, { system: instructions });
      messages.push({ role: 'assistant', content: answer.text });
    }
    const reads = chatRecords().map((record) => record.promptCache!.readTokens);
    expect(reads[0]).toBe(0);
    for (const [turn, tokens] of reads.slice(1).entries()) {
      // Each turn reads at least what the turn before it had, the system prompt included.
      expect(tokens, `turn ${turn + 2}`).toBeGreaterThan(reads[turn]!);
    }
  });

  it('should read the cache on every model turn of a tool loop after the first', async () => {
    const lookup = defineTool({
      name: 'balance',
      description: 'The balance of an account',
      parameters: { type: 'object', properties: { account: { type: 'string' } } },
      execute: () => '120 EUR',
    });
    const hasToolResult = (request: { body: unknown }) =>
      JSON.stringify(request.body).includes('tool_result');
    simulator().addRule({
      match: (request) => !hasToolResult(request),
      times: 1,
      toolCalls: [{ name: 'balance', input: { account: 'A1' } }],
    });
    simulator().addRule({ match: hasToolResult, reply: 'Your balance is 120 EUR.' });
    const answer = await anthropicClient().call('What is my balance?', {
      system: instructions,
      tools: [lookup],
    });
    expect(answer.text).toBe('Your balance is 120 EUR.');
    const [first, second] = chatRecords();
    expect(first!.promptCache!.readTokens).toBe(0);
    expect(second!.promptCache!.readTokens).toBeGreaterThan(1000);
    expect(answer.usage.cachedInputTokens).toBe(second!.promptCache!.readTokens);
  });

  it('should explain a miss: a timestamp in the system prompt', async () => {
    const misses: PromptCacheMissEvent[] = [];
    const client = anthropicClient({
      onEvent: (event: KaguraEvent) => {
        if (event.type === 'prompt-cache-miss') misses.push(event);
      },
    });
    for (const time of ['09:14:02', '09:14:09']) {
      await client.call('Any news?', {
        system: `Current time: 2026-12-02 ${time}. ${instructions}`,
        agentName: 'desk',
      });
    }
    expect(misses).toHaveLength(1);
    expect(misses[0]!.difference).toMatchObject({ part: 'system', hint: 'a timestamp?' });
    expect(misses[0]!.reason).toMatch(
      /^the system prompt changed at character 25 \(a timestamp\?\)/,
    );
  });

  it('should send one of several calls sharing a prefix first, so the others read it', async () => {
    // A provider has a written prefix once it answered its first token: calls sent before that
    // write it again.
    const latency = { timeToFirstTokenMs: 40, tokensPerSecond: 5000 };
    simulator().setLatency(latency);
    const questions = ['fees', 'hours', 'cards', 'loans', 'branches'];
    const ask = (client: ReturnType<typeof anthropicClient>) =>
      parallelMap(questions, (topic) =>
        client.call(`Tell me about ${topic}.`, { system: instructions }),
      );
    await ask(anthropicClient());
    const warmed = chatRecords().map((record) => record.promptCache!);
    expect(warmed.filter((record) => record.writeTokens > 0)).toHaveLength(1);
    expect(warmed.filter((record) => record.readTokens > 0)).toHaveLength(4);

    simulator().reset();
    simulator().setLatency(latency);
    await ask(anthropicClient({ defaults: { promptCache: { warmUp: false } } }));
    // All at once, none finds the prefix written: each writes it.
    const cold = chatRecords().map((record) => record.promptCache!);
    expect(cold.filter((record) => record.writeTokens > 0)).toHaveLength(5);
  });
  it("should send a plain first call's followers at its first token, not at its answer", async () => {
    // A slow answer (about 50 tokens at 100 per second) after a quick first token.
    simulator().setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 100 });
    simulator().addRule({
      match: /Tell me about/,
      reply: 'A long answer, one word at a time. '.repeat(6),
    });
    const client = anthropicClient();
    await parallelMap(['fees', 'hours', 'cards'], (topic) =>
      client.call(`Tell me about ${topic}.`, { system: instructions }),
    );
    const [leader, ...followers] = chatRecords().sort((a, b) => a.startedAt - b.startedAt);
    expect(leader!.promptCache!.writeTokens).toBeGreaterThan(0);
    for (const follower of followers) {
      expect(follower.promptCache!.readTokens).toBeGreaterThan(0);
      // Sent while the first was still answering.
      expect(follower.startedAt).toBeLessThan(leader!.endedAt!);
    }
  });
});

describe('prompt caching with OpenAI', () => {
  it('should send one prompt_cache_key per tenant and agent, and report the cached tokens', async () => {
    const client = createClient({
      providers: {
        openai: createOpenAI({
          baseURL: simulator().openaiBaseURL,
          apiKey: 'k',
          promptCacheKey: true,
        }),
      },
      model: 'openai:gpt-4o-mini',
      cache: false,
    });
    await client.call('First question', { system: instructions, agentName: 'desk' });
    const second = await client.call('Second question', {
      system: instructions,
      agentName: 'desk',
    });
    await client.call('Third question', { system: instructions, agentName: 'hotel' });
    const keys = chatRecords().map(
      (record) => (record.body as { prompt_cache_key?: string }).prompt_cache_key,
    );
    expect(keys[0]).toMatch(/^kagura-[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    expect(second.usage.cachedInputTokens).toBe(chatRecords()[1]!.promptCache!.readTokens);
  });
});

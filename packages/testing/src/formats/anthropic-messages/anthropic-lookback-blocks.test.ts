import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/simulator.js';
import { startSimulator } from '../../simulator/start-simulator.js';
import { ANTHROPIC_LOOKBACK_BLOCKS } from './anthropic-lookback-blocks.js';

// 1100 tokens of system prompt (no breakpoint), then one-token user blocks.
const SYSTEM = Array.from({ length: 1100 }, (_, index) => `s${index % 97}`).join(' ');

let sim: Simulator;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none', now: () => 1_000_000 });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'tenant-a', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

/**
 * Sends the system prompt and `blocks` one-token user blocks (`b0`, `b1`, ..., or `salt` from
 * block `saltFrom` on), with a `cache_control` on the blocks at `marked`.
 */
async function send(blocks: number, marked: number[], salt = 'b', saltFrom = blocks) {
  const content = Array.from({ length: blocks }, (_, index) => ({
    type: 'text' as const,
    text: `${index < saltFrom ? 'b' : salt}${index}`,
    ...(marked.includes(index) && { cache_control: { type: 'ephemeral' as const } }),
  }));
  const reply = await anthropic.messages.create({
    model: 'claude-sonnet-4-6',
    max_tokens: 16,
    system: SYSTEM,
    messages: [{ role: 'user', content }],
  });
  return reply.usage;
}

describe('ANTHROPIC_LOOKBACK_BLOCKS', () => {
  it('should be 20', () => {
    expect(ANTHROPIC_LOOKBACK_BLOCKS).toBe(20);
  });

  it('should read a prefix written 5 blocks before the breakpoint', async () => {
    // Writes the system prompt and b0..b9: 1110 tokens.
    await send(10, [9]);
    const usage = await send(15, [14]);
    expect(usage).toMatchObject({
      cache_read_input_tokens: 1110,
      cache_creation_input_tokens: 5,
      input_tokens: 0,
    });
    expect(sim.requests[1]?.promptCache?.breakpoints).toEqual([
      { prefixTokens: 1115, ttlMs: 5 * 60_000, outcome: 'written' },
    ]);
  });

  it('should check 20 positions, the breakpoint the first: 19 blocks back is found, 20 is not', async () => {
    await send(10, [9]);
    expect((await send(29, [28])).cache_read_input_tokens).toBe(1110);
    sim.reset();
    await send(10, [9]);
    expect(await send(30, [29])).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 1130,
    });
  });

  it('should not find a prefix written more than 20 blocks back, but a nearer breakpoint does', async () => {
    await send(10, [9]);
    expect(await send(35, [34])).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 1135,
    });
    // The 35-block prefix is cached now; start again, with a second breakpoint 10 blocks on.
    sim.reset();
    await send(10, [9]);
    expect(await send(35, [19, 34])).toMatchObject({
      cache_read_input_tokens: 1110,
      cache_creation_input_tokens: 25,
    });
    expect(sim.requests[1]?.promptCache?.breakpoints.map((point) => point.outcome)).toEqual([
      'written',
      'written',
    ]);
  });

  it('should read only prefixes written at a breakpoint, not a shared prefix between them', async () => {
    // Writes through b29 only; a later prompt sharing b0..b24 finds no prefix written there.
    await send(30, [29]);
    const usage = await send(28, [27], 'x', 25);
    expect(usage).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 1128 });
    // Its own write, at x27, is found from the same prompt.
    expect((await send(28, [27], 'x', 25)).cache_read_input_tokens).toBe(1128);
  });
});

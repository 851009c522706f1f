import type { Message, ModelRequest, PromptCacheRules } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { placeCacheBreakpoints } from './place-cache-breakpoints.js';
import { resolvePromptCache } from './prompt-cache-option.js';

const rules: PromptCacheRules = { maxBreakpoints: 4, minimumTokens: 1024, acceptsKey: false };
const auto = resolvePromptCache('auto')!;
// About 1500 tokens by any count: a stable system prompt worth caching.
const longText = 'Answer as the support desk of a bank, politely and briefly. '.repeat(120);

// The breakpoints alone: what most cases check.
function place(...args: Parameters<typeof placeCacheBreakpoints>) {
  return placeCacheBreakpoints(...args).breakpoints;
}

function request(messages: Message[], extra: Partial<ModelRequest> = {}): ModelRequest {
  return { messages, ...extra };
}

describe('placeCacheBreakpoints', () => {
  it('should mark a long system prompt, and not the question of a one-shot call', () => {
    const placed = place(
      request([
        { role: 'system', content: longText },
        { role: 'user', content: 'Can I close my account online?' },
      ]),
      rules,
      auto,
    );
    expect(placed).toEqual({ system: {} });
  });

  it('should place nothing below the minimum length', () => {
    const placed = place(
      request([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'How are you?' },
      ]),
      rules,
      auto,
    );
    expect(placed).toEqual({});
  });

  it('should mark long tools, and the conversation up to the latest turn', () => {
    const tools = [
      { name: 'lookup', description: longText, inputSchema: { type: 'object' } },
      { name: 'transfer', description: 'Moves money.', inputSchema: { type: 'object' } },
    ];
    const placed = place(
      request(
        [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What is my balance?' },
          { role: 'assistant', content: 'It is 120 euros.' },
          { role: 'user', content: 'And yesterday?' },
        ],
        { tools },
      ),
      rules,
      auto,
    );
    // The system prompt's prefix (tools + system) reaches the minimum too.
    expect(placed).toEqual({ tools: {}, system: {}, messages: [{ index: 2 }] });
  });

  it('should keep breakpoints placed by hand, first, and fill the slots left', () => {
    const marked: Message[] = [
      { role: 'system', content: longText, cacheBreakpoint: { ttl: '1h' } },
      { role: 'user', content: 'First question', cacheBreakpoint: {} },
      { role: 'assistant', content: 'First answer', cacheBreakpoint: {} },
      { role: 'user', content: 'Second question', cacheBreakpoint: {} },
      { role: 'assistant', content: 'Second answer' },
      { role: 'user', content: 'Third question' },
    ];
    const placed = place(request(marked), rules, auto);
    // Four by hand already (the system message's is the system breakpoint): nothing is added.
    expect(placed).toEqual({
      system: { ttl: '1h' },
      messages: [{ index: 1 }, { index: 2 }, { index: 3 }],
    });
    const fewer = marked.map((message, index) =>
      index === 2 || index === 3 ? { ...message, cacheBreakpoint: undefined } : message,
    );
    // Two slots left: the conversation up to the latest turn, and up to the turn before (the
    // system prompt has its own).
    expect(place(request(fewer), rules, auto)).toEqual({
      system: { ttl: '1h' },
      messages: [{ index: 1 }, { index: 2 }, { index: 4 }],
    });
  });

  it("should place only the hand-placed breakpoints with 'explicit', and the ttl asked for", () => {
    const messages: Message[] = [
      { role: 'system', content: longText },
      { role: 'user', content: 'Question', cacheBreakpoint: {} },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: 'Another' },
    ];
    expect(place(request(messages), rules, resolvePromptCache('explicit')!)).toEqual({
      messages: [{ index: 1 }],
    });
    const hour = resolvePromptCache({ ttl: '1h' })!;
    expect(place(request(messages), rules, hour)).toEqual({
      system: { ttl: '1h' },
      messages: [{ index: 1 }, { ttl: '1h', index: 2 }],
    });
  });

  it('should refuse more hand-placed breakpoints than the provider takes, before any request', () => {
    const messages: Message[] = Array.from({ length: 5 }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `turn ${index}`,
      cacheBreakpoint: {},
    })) as Message[];
    expect(() => place(request(messages), rules, auto)).toThrow(InvalidArgumentError);
    expect(() => place(request(messages), rules, auto)).toThrow(/at most 4/);
  });
});

describe('placeCacheBreakpoints with the provider count', () => {
  // About 700 tokens by the estimate: below the minimum unless the provider counts more.
  const middling = 'Answer as the support desk of a bank, politely and briefly. '.repeat(55);
  const messages: Message[] = [
    { role: 'system', content: middling },
    { role: 'user', content: 'Can I close my account online?' },
  ];

  it('should place a breakpoint the estimate alone would not, when the provider counts more', () => {
    const estimated = placeCacheBreakpoints(request(messages), rules, auto);
    expect(estimated.breakpoints).toEqual({});
    expect(estimated.estimatedTokens).toBeGreaterThan(600);
    expect(estimated.estimatedTokens).toBeLessThan(1024);
    expect(placeCacheBreakpoints(request(messages), rules, auto, 1.6).breakpoints).toEqual({
      system: {},
    });
  });

  it('should not place one the estimate would, when the provider counts fewer', () => {
    expect(
      place(request([{ role: 'system', content: longText }, messages[1]!]), rules, auto, 0.5),
    ).toEqual({});
  });

  it('should estimate nothing for a prompt too short to cache, or with explicit breakpoints', () => {
    expect(
      placeCacheBreakpoints(request([messages[1]!]), rules, auto).estimatedTokens,
    ).toBeUndefined();
    expect(
      placeCacheBreakpoints(request(messages), rules, resolvePromptCache('explicit')!)
        .estimatedTokens,
    ).toBeUndefined();
  });
});

describe('resolvePromptCache', () => {
  it('should read the shorthands and name a bad value', () => {
    expect(resolvePromptCache(undefined)).toEqual({
      breakpoints: 'auto',
      ttl: '5m',
      key: undefined,
    });
    expect(resolvePromptCache(false)).toBeUndefined();
    expect(resolvePromptCache({ breakpoints: 'explicit', key: false })).toEqual({
      breakpoints: 'explicit',
      ttl: '5m',
      key: false,
    });
    expect(() => resolvePromptCache({ ttl: '10m' as never })).toThrow(/promptCache.ttl/);
    expect(() => resolvePromptCache('always' as never)).toThrow(/promptCache/);
  });
});

import { describe, expect, it } from 'vitest';
import { createKeywordStrategy } from './create-keyword-strategy.js';
import type { RegisteredAgent } from './registered-agent.js';

const agent = (name: string, intents: string[], keywords: string[]): RegisteredAgent => ({
  name,
  description: undefined,
  intents,
  keywords,
  kind: 'function',
});
const agents = [
  agent('translate', ['translate'], ['french', 'spanish']),
  agent('code', ['review code'], ['function', 'bug']),
];
const context = { agents, messages: [], abortSignal: undefined };

describe('createKeywordStrategy', () => {
  it('should be named keyword', () => {
    expect(createKeywordStrategy().name).toBe('keyword');
  });

  it('should choose the best-scoring agent and report every confidence', async () => {
    const choice = await createKeywordStrategy().decide(
      'Translate this function name into French',
      context,
    );
    expect(choice).toEqual({
      agent: 'translate',
      confidence: 0.6,
      scores: { translate: 0.6, code: 0.2 },
    });
  });

  it('should choose the first registered agent on a tie', async () => {
    const choice = await createKeywordStrategy().decide('a spanish bug', context);
    expect(choice?.agent).toBe('translate');
  });

  it('should name no agent when nothing matched, keeping the scores', async () => {
    const choice = await createKeywordStrategy().decide('hello there', context);
    expect(choice).toEqual({ agent: undefined, confidence: 0, scores: { translate: 0, code: 0 } });
  });

  it('should return nothing when there are no agents', async () => {
    expect(await createKeywordStrategy().decide('hi', { ...context, agents: [] })).toBeUndefined();
  });
});

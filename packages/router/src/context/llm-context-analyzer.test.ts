import { describe, expect, it } from 'vitest';
import { useRouterTestClient } from '../../test/use-router-test-client.js';
import { LLMContextAnalyzer } from './llm-context-analyzer.js';

const test = useRouterTestClient([
  {
    match: 'New message: Make it shorter',
    reply: '{"needsContext":true,"standaloneQuery":"Make the haiku about caching shorter"}',
  },
  { match: 'New message:', reply: '{"needsContext":false,"standaloneQuery":""}' },
]);

const messages = [
  { role: 'user' as const, content: 'Write a haiku about caching' },
  { role: 'assistant' as const, content: 'Hits return at once' },
];

describe('LLMContextAnalyzer.analyze', () => {
  it('should ask the model once with the conversation and use its standalone query', async () => {
    const analysis = await new LLMContextAnalyzer().analyze('Make it shorter', { messages });
    expect(analysis).toEqual({
      needsContext: true,
      cues: [{ kind: 'pronoun', text: 'it' }],
      reason: 'the model found that it depends on the conversation',
      enhancedQuery: 'Make the haiku about caching shorter',
    });
    const [body] = test.bodies();
    expect(body?.messages.at(-1)).toEqual({
      role: 'user',
      content:
        'Conversation:\nUser: Write a haiku about caching\nAssistant: Hits return at once\n\n' +
        'New message: Make it shorter',
    });
    expect(body?.response_format?.json_schema?.name).toBe('context_analysis');
  });

  it('should answer without a call when the prefilter finds the query self-contained', () => {
    const analysis = new LLMContextAnalyzer().analyze('What is the capital of France?', {
      messages,
    });
    expect(analysis).toMatchObject({ needsContext: false, reason: 'no cue' });
    expect(test.simulator().requests).toHaveLength(0);
  });

  it('should answer without a call when there is no conversation', () => {
    const analysis = new LLMContextAnalyzer({ prefilter: false }).analyze('Make it shorter');
    expect(analysis).toMatchObject({ needsContext: false, reason: 'no earlier messages' });
    expect(test.simulator().requests).toHaveLength(0);
  });

  it('should send every query to the model without a prefilter, and cache the answer', async () => {
    const analyzer = new LLMContextAnalyzer({ prefilter: false });
    const first = await analyzer.analyze('What is the capital of France?', { messages });
    await analyzer.analyze('What is the capital of France?', { messages });
    expect(first).toMatchObject({ needsContext: false, enhancedQuery: undefined });
    expect(test.simulator().requests).toHaveLength(1);
  });
});

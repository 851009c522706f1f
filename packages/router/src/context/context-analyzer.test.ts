import { describe, expect, it } from 'vitest';
import { ContextAnalyzer } from './context-analyzer.js';
import { defaultContextWords } from './default-context-words.js';

describe('ContextAnalyzer.analyze', () => {
  const analyzer = new ContextAnalyzer();

  it.each([
    // Pronouns and demonstratives referring back.
    ['Make it shorter.', true],
    ['Can you explain this?', true],
    ['Translate those into German', true],
    ['What did she say about them?', true],
    ['Why is that?', true],
    // Follow-up openers.
    ['What about Spanish?', true],
    ['How about a shorter version', true],
    ['And in Japanese', true],
    ['Tell me more', true],
    // Reference words anywhere.
    ['Do the same for Go', true],
    ['Translate the greeting again', true],
    ['Use a list instead', true],
    ['I also need a title', true],
    ['Do that too', true],
    ['Check the performance too', true],
    ['Try that again with Go', true],
    ['Make a similar one for Rust', true],
    ['Additionally, add tests', true],
    // Short questions.
    ['In Spanish?', true],
    ['Why?', true],
    // Self-contained queries.
    ['What is the capital of France?', false],
    ['Write a function that sorts a list', false],
    ['Translate this: good morning', false],
    ['Summarise these notes:\n- cache hits are fast\n- misses are slow', false],
    ['What does "it" mean in English?', false],
    ['What time is it in Tokyo?', false],
    ["What's the weather like this weekend in Paris?", false],
    ['Is it going to rain in Lyon tomorrow?', false],
    ['Explain how a hash map works', false],
    ['Hello', false],
    // An inline object does not hide follow-up openers and reference words.
    ['Also translate this: good night', true],
    ['What about this: bonjour', true],
  ])('should say %j needs context: %s', (query, expected) => {
    expect(analyzer.analyze(query).needsContext).toBe(expected);
  });

  it('should report the cues it found, by rule', () => {
    expect(analyzer.analyze('What about doing it again?')).toEqual({
      needsContext: true,
      cues: [
        { kind: 'follow-up', text: 'what about' },
        { kind: 'reference-word', text: 'again' },
        { kind: 'pronoun', text: 'it' },
      ],
      reason: 'follow-up "what about", reference-word "again", pronoun "it"',
    });
  });

  it('should build the context-enhanced query from the last user turns', () => {
    const analysis = analyzer.analyze('What about Spanish?', {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Translate "good morning" into French' },
        { role: 'assistant', content: 'Bonjour' },
      ],
    });
    expect(analysis.enhancedQuery).toBe(
      'Hi\nTranslate "good morning" into French\nWhat about Spanish?',
    );
  });

  it('should not build an enhanced query for a self-contained query', () => {
    const analysis = analyzer.analyze('Hello', { messages: [{ role: 'user', content: 'Hi' }] });
    expect(analysis).toEqual({ needsContext: false, cues: [], reason: 'no cue' });
  });
});

describe('ContextAnalyzer options', () => {
  it('should use the word lists it is given', () => {
    const analyzer = new ContextAnalyzer({
      referenceWords: [...defaultContextWords.referenceWords, 'likewise'],
      pronouns: [],
    });
    expect(analyzer.analyze('Likewise for Rust').needsContext).toBe(true);
    expect(analyzer.analyze('Make it shorter').needsContext).toBe(false);
  });

  it('should accept follow-up openers of several words and ignore patterns without /g', () => {
    const analyzer = new ContextAnalyzer({
      followUpOpeners: ['one more thing'],
      ignorePatterns: [/\bit depends\b/u],
    });
    expect(analyzer.analyze('One more thing: the title').needsContext).toBe(true);
    expect(analyzer.analyze('It depends on the cache, it depends on the key').needsContext).toBe(
      false,
    );
  });

  it('should turn the short-question rule off with 0', () => {
    const analyzer = new ContextAnalyzer({ shortQuestionWords: 0 });
    expect(analyzer.analyze('In Spanish?').needsContext).toBe(false);
    expect(analyzer.analyze('?').needsContext).toBe(false);
  });

  it('should refuse a negative count', () => {
    expect(() => new ContextAnalyzer({ contextTurns: -1 })).toThrow(
      /-1 is not a whole number of zero or more/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { scoreKeywords } from './score-keywords.js';

const agents = [
  { name: 'translate', intents: ['translate'], keywords: ['french', 'spanish', 'japanese'] },
  { name: 'code', intents: ['review code'], keywords: ['bug', 'function', 'typescript'] },
];

describe('scoreKeywords', () => {
  it('should compute the worked example of docs/routing.md', () => {
    expect(scoreKeywords('Translate this function name into French', agents)).toEqual([
      { agent: 'translate', score: 3, confidence: 0.6, matched: ['translate', 'french'] },
      { agent: 'code', score: 1, confidence: 0.2, matched: ['function'] },
    ]);
  });

  it('should find a phrase only as consecutive whole words', () => {
    const [, code] = scoreKeywords('please review code now', agents);
    expect(code).toMatchObject({ score: 2, matched: ['review code'] });
    expect(scoreKeywords('a code review', agents)[1]?.score).toBe(0);
    expect(scoreKeywords('reviewing code', agents)[1]?.score).toBe(0);
  });

  it('should ignore case and punctuation, and count a phrase once', () => {
    const [translate] = scoreKeywords('FRENCH? French! french.', agents);
    expect(translate).toMatchObject({ score: 1, confidence: 0.5 });
  });

  it('should give every agent confidence 0 when nothing matches', () => {
    expect(scoreKeywords('hello', agents).map((entry) => entry.confidence)).toEqual([0, 0]);
  });

  it('should split the confidence between agents matching the same query', () => {
    const scores = scoreKeywords('a spanish bug', agents);
    expect(scores.map((entry) => entry.confidence)).toEqual([1 / 3, 1 / 3]);
  });

  it('should match words in any script', () => {
    const [japanese] = scoreKeywords('日本語 に 翻訳', [
      { name: 'ja', intents: ['翻訳'], keywords: [] },
    ]);
    expect(japanese?.score).toBe(2);
  });

  it.each([
    ['Japanese', 'これを翻訳して', '翻訳'],
    ['Korean', '이것을 번역해주세요', '번역'],
    ['Chinese', '请把这段话翻译成英文', '翻译'],
    ['Thai', 'ช่วยแปลข้อความนี้หน่อย', 'แปล'],
  ])('should find a %s intent written without spaces around it', (_language, query, intent) => {
    const [agent] = scoreKeywords(query, [{ name: 'translate', intents: [intent], keywords: [] }]);
    expect(agent).toMatchObject({ score: 2, matched: [intent] });
  });

  it('should still match spaced scripts as whole words only', () => {
    const [agent] = scoreKeywords('please stop reviewing', [
      { name: 'review', intents: ['review'], keywords: [] },
    ]);
    expect(agent?.score).toBe(0);
  });
});

import { toWords } from '../util/to-words.js';
import type { RegisteredAgent } from './registered-agent.js';

/**
 * How well one agent's intents and keywords match a query.
 * @example
 * ```ts
 * const score: KeywordScore = { agent: 'translate', score: 3, confidence: 0.6, matched: ['translate', 'french'] };
 * ```
 */
export interface KeywordScore {
  /** The agent's name. */
  agent: string;
  /** 2 for each of its intents found in the query, plus 1 for each of its keywords found. */
  score: number;
  /** `score / (sum of every agent's score + 1)`: 0 to 1 (never quite 1). */
  confidence: number;
  /** The intents and keywords found, as written at registration. */
  matched: string[];
}

// The weights docs/routing.md documents: an intent names the task, a keyword only hints at it.
const intentWeight = 2;
const keywordWeight = 1;

/**
 * Scores every agent against a query, with no LLM call. The rules, exactly:
 *
 * 1. The query and every phrase are split into lowercase words (runs of letters and digits).
 * 2. A phrase is found when its words appear in the query consecutively, as whole words:
 *    `review code` is found in "please review code now", not in "code review" or "reviewing".
 *    A phrase in a script written without spaces between words (Chinese, Japanese, Korean,
 *    Thai, ...) is found anywhere in the query: `翻訳` in "これを翻訳して", `번역` in
 *    "이것을 번역해주세요", where a word is not delimited by spaces.
 * 3. An agent scores 2 for each distinct intent found and 1 for each distinct keyword found.
 * 4. Its confidence is its score divided by (the sum of all agents' scores + 1). The `+ 1`
 *    stands for "none of them": a single keyword found by one agent alone gives 1 / 2 = 0.5,
 *    and agents that match the same query share the confidence.
 *
 * Agents come back in the order given. The router picks the highest score; on a tie, the agent
 * registered first.
 *
 * @example
 * ```ts
 * scoreKeywords('Translate this function name into French', [
 *   { name: 'translate', intents: ['translate'], keywords: ['french'] },
 *   { name: 'code', intents: ['review code'], keywords: ['function'] },
 * ]);
 * // translate: score 3, confidence 3 / (3 + 1 + 1) = 0.6; code: score 1, confidence 0.2
 * ```
 */
export function scoreKeywords(
  query: string,
  agents: readonly Pick<RegisteredAgent, 'name' | 'intents' | 'keywords'>[],
): KeywordScore[] {
  const words = toWords(query);
  const text = query.toLowerCase().replace(/\s+/g, ' ');
  const scored = agents.map((agent) => {
    const matched: string[] = [];
    let score = 0;
    const tally = (phrases: readonly string[], weight: number) => {
      const seen = new Set<string>();
      for (const phrase of phrases) {
        const phraseWords = toWords(phrase);
        const key = phraseWords.join(' ');
        if (phraseWords.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const found = unspacedScript.test(phrase)
          ? text.includes(phrase.toLowerCase().trim().replace(/\s+/g, ' '))
          : containsRun(words, phraseWords);
        if (found) {
          score += weight;
          matched.push(phrase);
        }
      }
    };
    tally(agent.intents, intentWeight);
    tally(agent.keywords, keywordWeight);
    return { agent: agent.name, score, matched };
  });
  const total = scored.reduce((sum, entry) => sum + entry.score, 0);
  return scored.map((entry) => ({ ...entry, confidence: entry.score / (total + 1) }));
}

// Scripts written without spaces between words, or (Hangul) with particles and endings attached
// to them, where a word boundary cannot be found by splitting on what is not a letter.
const unspacedScript =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start += 1) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

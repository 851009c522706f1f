import type { Rng } from '../util/create-rng.js';

// Plain, common words so generated replies read like (meaningless) English in logs and snapshots.
const WORDS = (
  'the a an and or but so if then when while because about above across after again against ' +
  'all also always among answer around ask back before begin below best better between big ' +
  'bring build call can change check clear close come could course data day deep different ' +
  'do down each early easy enough even every example fact far feel few find first follow ' +
  'form found from give good great group hand happen hard have help here high hold home idea ' +
  'important into just keep kind know large last later learn leave less let light like line ' +
  'little long look make many may mean might more most move much must name near need never ' +
  'new next note now number often old only open order other over own part people place plan ' +
  'point possible present problem quick quite rather read real reason right room run same ' +
  'say see seem set short show side simple small some soon start state still story study ' +
  'such sure system take talk tell than that their there these thing think those though ' +
  'through time today together turn under until use very want water way well what where ' +
  'which while whole why will with within word work world would write year yet young'
).split(' ');

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Generates English-like filler text of exactly `tokenCount` tokens (as counted by
 * `countTokens`), returned as its tokens so a stream can send one per delta.
 *
 * @example
 * ```ts
 * generateText(createRng(1), 5).join(''); // e.g. 'Often light group keep.'
 * ```
 */
export function generateText(rng: Rng, tokenCount: number): string[] {
  const tokens: string[] = [];
  let wordsInSentence = 0;
  let sentenceLength = rng.integer(5, 12);
  while (tokens.length < tokenCount) {
    const remaining = tokenCount - tokens.length;
    // Never close a sentence with exactly two tokens left: a lone word would end the text.
    const sentenceDone = wordsInSentence >= sentenceLength && remaining !== 2;
    if (wordsInSentence > 0 && (remaining === 1 || sentenceDone)) {
      tokens.push('.');
      wordsInSentence = 0;
      sentenceLength = rng.integer(5, 12);
      continue;
    }
    if (wordsInSentence >= 3 && remaining > 2 && rng.next() < 0.08) {
      tokens.push(',');
    }
    const word = rng.pick(WORDS);
    if (wordsInSentence === 0) {
      tokens.push(tokens.length === 0 ? capitalize(word) : ` ${capitalize(word)}`);
    } else {
      tokens.push(` ${word}`);
    }
    wordsInSentence++;
  }
  return tokens.slice(0, tokenCount);
}

/**
 * Generates `wordCount` lowercase words joined by spaces (no punctuation), for strings inside
 * generated JSON.
 */
export function generateWords(rng: Rng, wordCount: number): string {
  const words: string[] = [];
  for (let index = 0; index < wordCount; index++) words.push(rng.pick(WORDS));
  return words.join(' ');
}

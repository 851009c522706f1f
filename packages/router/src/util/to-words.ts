/**
 * Splits text into lowercase words: runs of letters and digits, in any script. Punctuation and
 * apostrophes separate words ("it's" is `it`, `s`).
 *
 * @example
 * ```ts
 * toWords('Review my TypeScript, please!'); // ['review', 'my', 'typescript', 'please']
 * ```
 */
export function toWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

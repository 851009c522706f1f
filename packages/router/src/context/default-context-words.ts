/**
 * The word lists `ContextAnalyzer` uses unless told otherwise. Spread them to extend a list:
 * `new ContextAnalyzer({ referenceWords: [...defaultContextWords.referenceWords, 'likewise'] })`.
 *
 * @example
 * ```ts
 * defaultContextWords.followUpOpeners.includes('what about'); // true
 * ```
 */
export const defaultContextWords = {
  /** Pronouns that usually stand for something said before. */
  pronouns: [
    'it',
    'its',
    'itself',
    'they',
    'them',
    'their',
    'theirs',
    'themselves',
    'he',
    'him',
    'his',
    'she',
    'her',
    'hers',
  ],
  /** Words that point at something: here, something said before. */
  demonstratives: ['this', 'that', 'these', 'those'],
  /** Phrases that open a follow-up when a query starts with them. */
  followUpOpeners: [
    'what about',
    'how about',
    'what else',
    'tell me more',
    'go on',
    'continue',
    'and',
    'but',
    'or',
    'then',
    'now',
  ],
  /** Words that refer to an earlier request or answer wherever they appear. */
  referenceWords: [
    'also',
    'again',
    'same',
    'instead',
    'another',
    'previous',
    'previously',
    'earlier',
    'above',
    'former',
    'latter',
    'aforementioned',
    // "Check the performance too", "neither does the other one", "a similar one".
    'too',
    'either',
    'neither',
    'similar',
    'similarly',
    'more',
    'additionally',
    'furthermore',
  ],
  /**
   * Text the analyser ignores: common phrases whose pronoun or demonstrative refers to nothing
   * said before. Matched against the lowercased query.
   */
  ignorePatterns: [
    // "that" followed by a word is mostly a conjunction or a relative: "a function that sorts";
    // not after a verb that takes it as its object ("do that too", "try that again").
    /(?<!\b(?:do|does|did|doing|done|redo|repeat|try|undo|explain|show|fix|change|use|check)\s+)\bthat(?=\s+[\p{L}\p{N}])/gu,
    /\b(?:this|that|these|next|last) (?:morning|afternoon|evening|night|week|weekend|month|year|time)\b/gu,
    /\bwhat time is it\b/gu,
    /\bhow(?:'s| is) it going\b/gu,
    /\bis it (?:going to )?(?:rain|snow)\w*/gu,
  ],
} as const;

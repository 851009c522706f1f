import { InvalidArgumentError, type Message } from '@kagura-ts/core';
import { textOfMessage } from '../util/text-of-message.js';
import { toWords } from '../util/to-words.js';
import type {
  AnalyzeOptions,
  ContextAnalysis,
  ContextCue,
  ContextCueKind,
  QueryAnalyzer,
} from './context-analysis.js';
import { defaultContextWords } from './default-context-words.js';

/** Options for {@link ContextAnalyzer}. Every list replaces the default one. */
export interface ContextAnalyzerOptions {
  /**
   * Pronouns that refer back ("make **it** shorter").
   * @default defaultContextWords.pronouns
   */
  pronouns?: readonly string[];
  /**
   * Demonstratives that refer back ("explain **this**").
   * @default defaultContextWords.demonstratives
   */
  demonstratives?: readonly string[];
  /**
   * Phrases that make a query a follow-up when it starts with them ("**what about** Spanish?").
   * @default defaultContextWords.followUpOpeners
   */
  followUpOpeners?: readonly string[];
  /**
   * Words that refer back wherever they appear ("do the **same** for Go").
   * @default defaultContextWords.referenceWords
   */
  referenceWords?: readonly string[];
  /**
   * Text to ignore before looking for cues: phrases whose pronoun refers to nothing said before
   * ("what time is **it**"). Matched against the lowercased query.
   * @default defaultContextWords.ignorePatterns
   * @example [/\bit depends\b/gu]
   */
  ignorePatterns?: readonly RegExp[];
  /**
   * A question of at most this many words ("In Spanish?", "Why?") counts as a follow-up. `0`
   * turns the rule off.
   * @default 2
   */
  shortQuestionWords?: number;
  /**
   * How many earlier user messages the context-enhanced query repeats before the query.
   * @default 2
   */
  contextTurns?: number;
}

const objectSeparator = /:\s+\S|\n\s*\S/;
const quoted = /"[^"]*"|“[^”]*”|`[^`]*`/g;

/**
 * Decides, without an LLM call, whether a query refers back to the conversation. In order:
 *
 * 1. The query is lowercased (curly apostrophes made straight), and text matching
 *    `ignorePatterns` is dropped.
 * 2. **Inline object.** Text in double quotes or backticks is dropped, and so is everything from
 *    the first colon followed by a space, or line break, that is followed by more text. If either happened, the query
 *    carries its own object ("Translate this: good morning"), so its pronouns and
 *    demonstratives are taken to point at that object and are not cues.
 * 3. The rest is split into words (runs of letters and digits), and these are the cues:
 *    `follow-up` if the words start with a `followUpOpeners` phrase; `reference-word` for each
 *    word in `referenceWords`; `pronoun` and `demonstrative` for each word in those lists
 *    (without an inline object); `short-question` if the query ends with `?` and has at most
 *    `shortQuestionWords` words (without an inline object).
 * 4. The query needs context if there is at least one cue. Then, given the conversation, the
 *    context-enhanced query is the last `contextTurns` user messages and the query, one per line.
 *
 * @example
 * ```ts
 * const analyzer = new ContextAnalyzer();
 * analyzer.analyze('What about Spanish?').needsContext; // true
 * analyzer.analyze('Translate this: good morning').needsContext; // false
 * ```
 */
export class ContextAnalyzer implements QueryAnalyzer {
  private readonly pronouns: ReadonlySet<string>;
  private readonly demonstratives: ReadonlySet<string>;
  private readonly referenceWords: ReadonlySet<string>;
  private readonly followUpOpeners: readonly (readonly string[])[];
  private readonly ignorePatterns: readonly RegExp[];
  private readonly shortQuestionWords: number;
  private readonly contextTurns: number;

  constructor(options: ContextAnalyzerOptions = {}) {
    const words = (list: readonly string[]) => new Set(list.flatMap(toWords));
    this.pronouns = words(options.pronouns ?? defaultContextWords.pronouns);
    this.demonstratives = words(options.demonstratives ?? defaultContextWords.demonstratives);
    this.referenceWords = words(options.referenceWords ?? defaultContextWords.referenceWords);
    this.followUpOpeners = (options.followUpOpeners ?? defaultContextWords.followUpOpeners)
      .map(toWords)
      .filter((phrase) => phrase.length > 0);
    this.ignorePatterns = (options.ignorePatterns ?? defaultContextWords.ignorePatterns).map(
      (pattern) => (pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`)),
    );
    this.shortQuestionWords = checkCount(options.shortQuestionWords ?? 2, 'shortQuestionWords');
    this.contextTurns = checkCount(options.contextTurns ?? 2, 'contextTurns');
  }

  /** Analyses `query`; with `options.messages`, also builds the context-enhanced query. */
  analyze(query: string, options: AnalyzeOptions = {}): ContextAnalysis {
    const cues = this.findCues(query);
    if (cues.length === 0) return { needsContext: false, cues, reason: 'no cue' };
    const reason = cues.map((cue) => `${cue.kind} "${cue.text}"`).join(', ');
    const messages = options.messages ?? [];
    if (messages.length === 0) return { needsContext: true, cues, reason };
    return { needsContext: true, cues, reason, enhancedQuery: this.enhance(query, messages) };
  }

  /** The signs in `query` that it refers back, in the order of the rules. */
  findCues(query: string): ContextCue[] {
    let text = query.toLowerCase().replaceAll('’', "'");
    for (const pattern of this.ignorePatterns) text = text.replace(pattern, ' ');
    const withoutQuotes = text.replace(quoted, ' ');
    const separator = objectSeparator.exec(withoutQuotes);
    const instruction =
      separator === null ? withoutQuotes : withoutQuotes.slice(0, separator.index);
    const hasObject = withoutQuotes !== text || separator !== null;
    const words = toWords(instruction);

    const cues: ContextCue[] = [];
    const add = (kind: ContextCueKind, found: string) => {
      if (!cues.some((cue) => cue.kind === kind && cue.text === found)) {
        cues.push({ kind, text: found });
      }
    };
    const opener = this.followUpOpeners.find((phrase) =>
      phrase.every((word, index) => words[index] === word),
    );
    if (opener !== undefined) add('follow-up', opener.join(' '));
    for (const word of words) {
      if (this.referenceWords.has(word)) add('reference-word', word);
    }
    if (hasObject) return cues;
    for (const word of words) {
      if (this.pronouns.has(word)) add('pronoun', word);
      if (this.demonstratives.has(word)) add('demonstrative', word);
    }
    const trimmed = query.trim();
    const short = toWords(trimmed).length <= this.shortQuestionWords;
    if (this.shortQuestionWords > 0 && trimmed.endsWith('?') && short) {
      add('short-question', trimmed);
    }
    return cues;
  }

  private enhance(query: string, messages: readonly Message[]): string {
    if (this.contextTurns === 0) return query;
    const earlier = messages
      .filter((message) => message.role === 'user')
      .slice(-this.contextTurns)
      .map(textOfMessage);
    return [...earlier, query].join('\n');
  }
}

function checkCount(value: number, name: string): number {
  if (Number.isInteger(value) && value >= 0) return value;
  throw new InvalidArgumentError({
    argument: name,
    value,
    message: `${String(value)} is not a whole number of zero or more.`,
  });
}

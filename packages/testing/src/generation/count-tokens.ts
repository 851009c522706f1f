// A deliberately simple tokenizer: a token is a run of word characters or one punctuation mark,
// with any whitespace before it attached. It is not any real model's tokenizer; it only has to be
// deterministic, cheap and roughly proportional to text length.

function isSpace(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029
  );
}

function isWordCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    (code >= 128 && !isSpace(code))
  );
}

/** Returns the index just past the token that starts at `start` (leading whitespace included). */
function tokenEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  if (index >= text.length) return index;
  if (!isWordCharacter(text.charCodeAt(index))) return index + 1;
  while (index < text.length && isWordCharacter(text.charCodeAt(index))) index++;
  return index;
}

/** A token that runs to the end of the text and ends in whitespace holds nothing but whitespace. */
function isWhitespaceTail(text: string, end: number): boolean {
  return end === text.length && isSpace(text.charCodeAt(end - 1));
}

/**
 * Counts the tokens of `text` with the simulator's tokenizer (words and punctuation marks).
 * Always equals `splitTokens(text).length`.
 *
 * @example
 * ```ts
 * countTokens('Hello, world!'); // 4
 * ```
 */
export function countTokens(text: string): number {
  let count = 0;
  let index = 0;
  while (index < text.length) {
    const end = tokenEnd(text, index);
    // Trailing whitespace joins the previous token rather than counting as one.
    if (count > 0 && isWhitespaceTail(text, end)) break;
    count++;
    index = end;
  }
  return count;
}

/**
 * Splits `text` into the simulator's tokens; joining them gives back `text` exactly. Streaming
 * replies send one token per delta.
 *
 * @example
 * ```ts
 * splitTokens('Hello, world!'); // ['Hello', ',', ' world', '!']
 * ```
 */
export function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const end = tokenEnd(text, index);
    const piece = text.slice(index, end);
    if (tokens.length > 0 && isWhitespaceTail(text, end)) {
      tokens[tokens.length - 1] += piece;
      break;
    }
    tokens.push(piece);
    index = end;
  }
  return tokens;
}

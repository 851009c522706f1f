/**
 * An estimate of how many tokens `text` is for a BPE tokenizer: a word of letters or digits is a
 * token per five characters (rounded up), each other visible character is a token, a CJK
 * character is one. It errs low for prose (BPE splits rare words further), so a length it says
 * reaches a provider's minimum does.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let word = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (isWordCharacter(code)) {
      word += 1;
      continue;
    }
    if (word > 0) tokens += Math.ceil(word / 5);
    word = 0;
    if (code > 32 && code !== 0xa0) tokens += 1;
  }
  if (word > 0) tokens += Math.ceil(word / 5);
  return tokens;
}

function isWordCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    // Latin letters with accents and other alphabetic scripts, but not CJK ideographs (a token
    // each, counted above as visible characters).
    (code >= 0xc0 && code < 0x2e80)
  );
}

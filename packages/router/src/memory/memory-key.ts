/**
 * The reserved first segment of every persistent memory key. The LLM cache's keys start with
 * `kagura:` and memory's with this, so the two never meet, even in one Keyv.
 */
export const memoryKeyPrefix = 'kagura-memory-v2';

// Characters a store or Keyv gives a meaning to: `:` separates namespaces (Keyv, SQLite, Redis),
// `%` is our escape, `*?[]\` are Redis glob syntax; control characters are best kept out of keys.
const special = new Set(['%', ':', '*', '?', '[', ']', '\\']);

/**
 * Escapes one part (a namespace or a key) as `%XX`: the result has no `:` and no glob character,
 * and distinct parts give distinct results. A lone surrogate, which UTF-8 stores (SQLite, Redis)
 * would turn into U+FFFD and so merge with others, becomes `%uXXXX`.
 */
export function encodeMemoryPart(part: string): string {
  let encoded = '';
  for (let index = 0; index < part.length; index += 1) {
    const code = part.charCodeAt(index);
    if (isHighSurrogate(code) && isLowSurrogate(part.charCodeAt(index + 1))) {
      encoded += part.slice(index, index + 2);
      index += 1;
    } else if (isHighSurrogate(code) || isLowSurrogate(code)) {
      encoded += `%u${code.toString(16).toUpperCase()}`;
    } else if (code < 0x20 || code === 0x7f || special.has(part[index] as string)) {
      encoded += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      encoded += part[index];
    }
  }
  return encoded;
}

/** The part {@link encodeMemoryPart} was given, or `undefined` if `encoded` is no such result. */
export function decodeMemoryPart(encoded: string): string | undefined {
  let decoded = '';
  for (let index = 0; index < encoded.length; ) {
    const character = encoded[index] as string;
    if (character !== '%' && special.has(character)) return undefined;
    if (character !== '%') {
      decoded += character;
      index += 1;
      continue;
    }
    const wide = encoded[index + 1] === 'u';
    const digits = wide ? encoded.slice(index + 2, index + 6) : encoded.slice(index + 1, index + 3);
    if (!/^[0-9A-F]+$/.test(digits) || digits.length !== (wide ? 4 : 2)) return undefined;
    decoded += String.fromCharCode(Number.parseInt(digits, 16));
    index += wide ? 6 : 3;
  }
  return decoded;
}

/**
 * The Keyv key of `key` in memory namespace `namespace`:
 * `kagura-memory-v2:<encoded namespace>:<encoded key>`. Neither encoded part has a `:`, so the key
 * splits back into exactly one pair: no two pairs share a key.
 * @example encodeMemoryKey('memory:alice', 'lang') // 'kagura-memory-v2:memory%3Aalice:lang'
 */
export function encodeMemoryKey(namespace: string, key: string): string {
  return `${memoryNamespacePrefix(namespace)}${encodeMemoryPart(key)}`;
}

/** The start shared by every key of `namespace`, and by no key of another namespace. */
export function memoryNamespacePrefix(namespace: string): string {
  return `${memoryKeyPrefix}:${encodeMemoryPart(namespace)}:`;
}

/** The pair {@link encodeMemoryKey} was given, or `undefined` for a key that is not memory's. */
export function decodeMemoryKey(stored: string): { namespace: string; key: string } | undefined {
  const parts = stored.split(':');
  if (parts.length !== 3 || parts[0] !== memoryKeyPrefix) return undefined;
  const namespace = decodeMemoryPart(parts[1] as string);
  const key = decodeMemoryPart(parts[2] as string);
  if (namespace === undefined || key === undefined) return undefined;
  return { namespace, key };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

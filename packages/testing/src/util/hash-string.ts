/**
 * Hashes a string to an unsigned 32-bit integer (FNV-1a). Used to derive a per-request seed, so the
 * same request always gets the same simulated reply.
 */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

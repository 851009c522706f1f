import { countTokens } from '../generation/count-tokens.js';
import type { PromptCachePolicy } from '../wire/prompt-cache-policy.js';
import type { PromptCacheUsage } from '../wire/prompt-cache-usage.js';
import type { PromptSegment } from '../wire/prompt-segment.js';
import { listPromptPrefixes, type PromptPrefix } from './list-prompt-prefixes.js';
import type { PromptCacheBreakpoint, PromptCacheRecord } from './prompt-cache-record.js';

// Expired entries are dropped when read; a sweep now and then keeps unread ones from piling up.
const SWEEP_EVERY_WRITES = 1024;

/** A request's prompt, as {@link PromptCache.use} reads it. */
export interface PromptCacheRequest {
  /** The API served, the API key and the model: caches are never shared across them. */
  api: string;
  /** The API key (tenant); `''` for none. */
  apiKey: string;
  /** The model id. */
  model: string;
  /** The prompt, in cache order. */
  prompt: readonly PromptSegment[];
  /** Where its cacheable prefixes end. */
  policy: PromptCachePolicy;
}

/** What {@link PromptCache.use} did: the usage to report and the record to keep. */
export interface PromptCacheResult {
  /** Read and written tokens, for the reply's usage. */
  usage: PromptCacheUsage;
  /** The same, with each breakpoint's outcome, for `RecordedRequest.promptCache`. */
  record: PromptCacheRecord;
  /**
   * Makes the prefixes this request wrote readable `afterMs` from its arrival: a provider has a
   * prefix once it answered its first token, so requests sent meanwhile write it too. Until it
   * is called they are not readable.
   */
  publish(afterMs: number): void;
}

/** The simulator's prompt caches: prefixes per API, API key, model and partition, with TTLs. */
export interface PromptCache {
  /**
   * Serves a request: reads the longest cached prefix its breakpoints find within their lookback
   * (any cached step for `automatic`), refreshing its TTL and those of the shorter cached
   * breakpoints it holds, and writes every longer breakpoint or step of at least the minimum.
   */
  use(request: PromptCacheRequest): PromptCacheResult;
  /** Forgets every cached prefix. */
  clear(): void;
}

/**
 * The prefix a `breakpoints` request reads: each breakpoint, the last first, checks its own prefix
 * and then the blocks before it, nearest first, up to `lookbackBlocks` positions in all (Anthropic:
 * 20). The first cached one found is the longest any breakpoint can find; `-1` for none.
 */
function lookbackReadIndex(
  prefixes: readonly PromptPrefix[],
  lookbackBlocks: number,
  readable: (prefix: PromptPrefix) => boolean,
): number {
  for (let index = prefixes.length - 1; index >= 0; index--) {
    if (!prefixes[index]?.writable) continue;
    const farthest = Math.max(0, index - Math.max(1, lookbackBlocks) + 1);
    for (let back = index; back >= farthest; back--) {
      const prefix = prefixes[back];
      if (prefix !== undefined && readable(prefix)) return back;
    }
  }
  return -1;
}

interface Entry {
  expiresAt: number;
  ttlMs: number;
  /** When it can be read: once the request that wrote it answered its first token. */
  availableAt: number;
}

/** Creates an empty {@link PromptCache} whose TTLs run on `now` (milliseconds). */
export function createPromptCache(now: () => number): PromptCache {
  const entries = new Map<string, Entry>();
  let writesSinceSweep = 0;
  const touch = (hash: string, ttlMs: number, at: number): void => {
    const entry = entries.get(hash);
    // A prefix written for an hour and read by a 5-minute breakpoint keeps its hour.
    const kept = Math.max(entry?.ttlMs ?? 0, ttlMs);
    const availableAt = entry?.availableAt ?? Number.POSITIVE_INFINITY;
    entries.set(hash, { expiresAt: at + kept, ttlMs: kept, availableAt });
  };
  const sweep = (at: number): void => {
    for (const [hash, entry] of entries) if (entry.expiresAt <= at) entries.delete(hash);
    writesSinceSweep = 0;
  };
  return {
    use({ api, apiKey, model, prompt, policy }) {
      const at = now();
      const partition = JSON.stringify([api, apiKey, model, policy.partition]);
      const prefixes = listPromptPrefixes(prompt, policy, partition);
      const isCached = (hash: string): boolean => {
        const entry = entries.get(hash);
        if (entry === undefined) return false;
        if (entry.expiresAt > at) return entry.availableAt <= at;
        entries.delete(hash);
        return false;
      };
      const minimum = policy.minimumTokens;
      const readable = (prefix: PromptPrefix): boolean =>
        prefix.tokens >= minimum && isCached(prefix.hash);
      const readIndex =
        policy.mode === 'breakpoints'
          ? lookbackReadIndex(prefixes, policy.lookbackBlocks ?? 1, readable)
          : prefixes.findLastIndex(readable);
      const readTokens = prefixes[readIndex]?.tokens ?? 0;
      const breakpoints: PromptCacheBreakpoint[] = [];
      const writes = new Map<number, number>();
      const written: string[] = [];
      let covered = readTokens;
      for (const [index, prefix] of prefixes.entries()) {
        // A block boundary between breakpoints is only ever read, by a breakpoint's lookback.
        if (index === readIndex) touch(prefix.hash, prefix.ttlMs, at);
        if (!prefix.writable) continue;
        let outcome: PromptCacheBreakpoint['outcome'];
        if (index < readIndex) {
          if (isCached(prefix.hash)) touch(prefix.hash, prefix.ttlMs, at);
          outcome = 'covered';
        } else if (index === readIndex) {
          outcome = 'read';
        } else if (prefix.tokens < minimum) {
          outcome = 'too-short';
        } else {
          // The tokens since the previous cached prefix are written with this prefix's TTL.
          const tokens = Math.max(0, prefix.tokens - covered);
          writes.set(prefix.ttlMs, (writes.get(prefix.ttlMs) ?? 0) + tokens);
          covered = Math.max(covered, prefix.tokens);
          touch(prefix.hash, prefix.ttlMs, at);
          written.push(prefix.hash);
          writesSinceSweep++;
          outcome = 'written';
        }
        breakpoints.push({ prefixTokens: prefix.tokens, ttlMs: prefix.ttlMs, outcome });
      }
      if (writesSinceSweep >= SWEEP_EVERY_WRITES) sweep(at);
      const writeTokens = covered - readTokens;
      let promptTokens = 0;
      for (const segment of prompt) promptTokens += countTokens(segment.text);
      return {
        usage: {
          readTokens,
          writeTokens,
          writes: [...writes].map(([ttlMs, tokens]) => ({ ttlMs, tokens })),
        },
        record: {
          promptTokens,
          readTokens,
          writeTokens,
          breakpoints: policy.mode === 'breakpoints' ? breakpoints : [],
        },
        publish(afterMs) {
          for (const hash of written) {
            const entry = entries.get(hash);
            // The earliest writer of a prefix makes it readable.
            if (entry !== undefined) entry.availableAt = Math.min(entry.availableAt, at + afterMs);
          }
        },
      };
    },
    clear() {
      entries.clear();
      writesSinceSweep = 0;
    },
  };
}

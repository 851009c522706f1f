import type { ModelResult, StreamEvent } from '@kagura-ts/provider';
import { isRecord } from '@kagura-ts/provider';
import { storedEventsMatch } from './stored-events-match.js';
import { encodeStoredStream, isStoredStream } from './stored-stream.js';

/** The version of the stored envelope; entries of another version are misses. */
export const cacheEntryVersion = 1;

/** A cached answer, as stored: plain JSON, nothing revived as a class. */
export interface CacheEntry {
  /** The envelope's version. */
  version: typeof cacheEntryVersion;
  /** When the answer was stored, in epoch milliseconds. */
  createdAt: number;
  /** Its time to live in milliseconds; `0` means no expiry. */
  ttl: number;
  /** The provider that answered. */
  provider: string;
  /** The model id that was requested. */
  model: string;
  /** The namespace it was stored in. */
  namespace: string;
  /** The agent that asked, when known. */
  agent?: string;
  /** The answer. */
  response: CachedResponse;
  /**
   * The shape of its stream, when it was streamed: each event's kind, text length and offset,
   * against the response's text and tool calls (see `stored-stream.ts`). A plain call's entry
   * has none; a stream call replays it in word-sized deltas.
   */
  stream?: string;
}

/** The parts of a response worth keeping. */
export type CachedResponse = Omit<ModelResult, 'raw'>;

/** A stream event and when it arrived, relative to the request. */
export interface TimedEvent {
  /** Milliseconds since the request started. */
  at: number;
  event: StreamEvent;
}

/**
 * Reads a stored value back as a {@link CacheEntry}, or `undefined` if it is not one (corrupt,
 * foreign, or of another version), or if its stream does not rebuild its response (see
 * `isStoredStream`, and `storedEventsMatch` for entries written before streams were stored
 * compactly, which come back in the compact form). Only JSON is parsed; nothing is evaluated.
 */
export function parseCacheEntry(raw: unknown): CacheEntry | undefined {
  if (typeof raw === 'object' && raw !== null && trusted.has(raw)) return raw as CacheEntry;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || value.version !== cacheEntryVersion) return undefined;
  const { createdAt, ttl, provider, model, namespace, response, stream } = value;
  if (typeof createdAt !== 'number' || typeof ttl !== 'number') return undefined;
  if (typeof provider !== 'string' || typeof model !== 'string' || typeof namespace !== 'string') {
    return undefined;
  }
  if (!isCachedResponse(response)) return undefined;
  // A stream that disagrees with the response would replay as a failed or different answer.
  if (stream !== undefined) return isStoredStream(stream, response) ? (value as never) : undefined;
  // Entries written before streams were stored compactly kept every event as JSON.
  if (value.events === undefined) return value as unknown as CacheEntry;
  const { events, ...current } = value;
  if (!(Array.isArray(events) && storedEventsMatch(events, response))) return undefined;
  return { ...current, stream: encodeStoredStream(events) } as unknown as CacheEntry;
}

/** Entries this process checked and froze (see {@link frozenEntry}): read without a check. */
const trusted = new WeakSet<object>();

/** Whether `value` is an entry this process checked and froze ({@link frozenEntry}). */
export function isTrustedEntry(value: unknown): value is CacheEntry {
  return typeof value === 'object' && value !== null && trusted.has(value);
}

/**
 * An entry, as the memory store keeps it: a copy of `entry` that shares nothing the caller can
 * change with the response its caller holds (usage and tool calls copied; tool calls through
 * JSON, as a store would keep them), deeply frozen, and trusted by {@link parseCacheEntry}, so
 * that a hit neither parses nor checks it. What a hit hands out of it is copied (its usage and
 * tool calls by the engine, stream events by {@link copyStreamEvent}). A copy rather than a parse
 * of the entry's JSON: a parse of the whole text was ~10% of a miss.
 */
export function frozenEntry(entry: CacheEntry): CacheEntry {
  const { response } = entry;
  const copy: CacheEntry = {
    ...entry,
    response: {
      ...response,
      usage: { ...response.usage },
      toolCalls:
        response.toolCalls.length === 0
          ? []
          : (JSON.parse(JSON.stringify(response.toolCalls)) as CachedResponse['toolCalls']),
    },
  };
  deepFreeze(copy);
  trusted.add(copy);
  return copy;
}

/** A stored stream event that the caller may change. */
export function copyStreamEvent(event: StreamEvent): StreamEvent {
  if (event.type === 'text-delta') return { ...event };
  if (event.type === 'finish') return { ...event, usage: { ...event.usage } };
  return structuredClone(event);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

function isCachedResponse(value: unknown): value is CachedResponse {
  if (!isRecord(value) || !isRecord(value.usage)) return false;
  const { usage } = value;
  return (
    typeof value.text === 'string' &&
    Array.isArray(value.toolCalls) &&
    value.toolCalls.every(isToolCall) &&
    typeof value.finishReason === 'string' &&
    typeof value.model === 'string' &&
    typeof usage.inputTokens === 'number' &&
    typeof usage.outputTokens === 'number' &&
    typeof usage.cachedInputTokens === 'number'
  );
}

function isToolCall(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.type === 'tool-call' &&
    typeof value.toolCallId === 'string' &&
    typeof value.toolName === 'string'
  );
}

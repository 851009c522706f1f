import {
  type CacheStore,
  createKeyvStore,
  InvalidArgumentError,
  type Message,
} from '@kagura-ts/core';
import type { Keyv } from 'keyv';
import type { ConversationEntry } from './conversation-entry.js';
import { encodeMemoryKey, memoryNamespacePrefix } from './memory-key.js';

/**
 * The Keyv namespace of the stores a manager opens itself. The LLM cache's is `kagura`, so in a
 * shared SQLite file or Redis server their keys never meet, and the cache's `clear()` skips memory.
 */
const memoryKeyvNamespace = 'kagura-memory';

/** Options for {@link MemoryManager}. */
export interface MemoryManagerOptions {
  /**
   * Where persistent memory (`remember` / `recall`) lives: `'memory'` (this process),
   * `'sqlite:path/to/memory.db'` (on disk, shared by the processes of one machine),
   * `'redis://host:port'` (shared by many machines), or any Keyv instance. Managers of any
   * namespaces, and the LLM cache, may share one store: their keys never collide. A Keyv instance
   * is used as is (its own namespace stays), and `clear()` needs it to be iterable.
   * @default 'memory'
   * @example 'sqlite:.kagura/memory.db'
   */
  store?: CacheStore;
  /**
   * Keeps this manager's persistent memory apart from others' in a shared store: one per user or
   * per session, say. Any string, `''` and `:` or `*` included: it is encoded, never interpreted.
   * @default 'kagura-memory'
   * @example `memory:${userId}`
   */
  namespace?: string;
  /**
   * The most conversation turns kept; the oldest are dropped first.
   * @default 20
   */
  maxMessages?: number;
  /**
   * How long a remembered value lasts, in milliseconds, unless `remember` says otherwise.
   * @default undefined (no expiry)
   */
  ttl?: number;
  /**
   * The clock for conversation timestamps, so that tests can fix it.
   * @default Date.now
   */
  now?: () => number;
}

/** Options of {@link MemoryManager.getMessages}. */
export interface GetMessagesOptions {
  /**
   * Only the last this many messages.
   * @default all kept messages
   */
  last?: number;
}

/** Options of {@link MemoryManager.remember}. */
export interface RememberOptions {
  /**
   * How long the value lasts, in milliseconds.
   * @default the manager's `ttl` (no expiry unless set)
   */
  ttl?: number;
}

/**
 * An agent's memory, in three parts:
 *
 * - **working memory**: key/value pairs in this process (`set`, `get`, `has`, `delete`);
 * - **conversation**: the recent turns, bounded by `maxMessages` (`addMessage`, `getMessages`,
 *   `entries`), which memory-aware routers record and give agents as context;
 * - **persistent memory**: key/value pairs in a Keyv store (`remember`, `recall`, `forget`),
 *   in memory, on disk (SQLite) or in Redis, so they outlive the process.
 *
 * Create one manager and give it to every router and agent that should share it: memory carries
 * over between their calls.
 *
 * @example
 * ```ts
 * const memory = new MemoryManager({ store: 'sqlite:.kagura/memory.db', namespace: 'user-42' });
 * await memory.remember('language', 'French');
 * memory.addMessage({ role: 'user', content: 'Translate "hello".' });
 * ```
 */
export class MemoryManager {
  /** The most conversation turns kept. */
  readonly maxMessages: number;
  private readonly working = new Map<string, unknown>();
  private readonly conversation: ConversationEntry[] = [];
  /** The namespace of this manager's persistent memory. */
  readonly namespace: string;
  private readonly keyv: Keyv;
  private readonly ttl: number | undefined;
  private readonly now: () => number;

  constructor(options: MemoryManagerOptions = {}) {
    const maxMessages = options.maxMessages ?? 20;
    if (!Number.isInteger(maxMessages) || maxMessages < 1) {
      throw new InvalidArgumentError({
        argument: 'maxMessages',
        value: maxMessages,
        message: `${String(maxMessages)} is not a positive integer. Give how many turns to keep, e.g. 20.`,
      });
    }
    this.maxMessages = maxMessages;
    this.ttl = options.ttl;
    this.now = options.now ?? Date.now;
    this.namespace = options.namespace ?? 'kagura-memory';
    // The namespace goes into each key (see `encodeMemoryKey`), not into Keyv's namespace: store
    // adapters put Keyv's namespace into prefixes and glob patterns unescaped.
    this.keyv = createKeyvStore(options.store ?? 'memory', { namespace: memoryKeyvNamespace });
  }

  /** Stores a value in working memory (this process only). */
  set(key: string, value: unknown): this {
    this.working.set(key, value);
    return this;
  }

  /** A value from working memory, or `undefined`. */
  get<T = unknown>(key: string): T | undefined {
    return this.working.get(key) as T | undefined;
  }

  /** Whether working memory has `key`. */
  has(key: string): boolean {
    return this.working.has(key);
  }

  /** Removes `key` from working memory; `true` if it was there. */
  delete(key: string): boolean {
    return this.working.delete(key);
  }

  /**
   * Records a conversation turn. When more than `maxMessages` turns are kept, the oldest go.
   * @example
   * ```ts
   * memory.addMessage({ role: 'assistant', content: 'Bonjour', agent: 'translate' });
   * ```
   */
  addMessage(entry: Omit<ConversationEntry, 'timestamp'> & { timestamp?: number }): this {
    this.conversation.push({ ...entry, timestamp: entry.timestamp ?? this.now() });
    if (this.conversation.length > this.maxMessages) {
      this.conversation.splice(0, this.conversation.length - this.maxMessages);
    }
    return this;
  }

  /** Every kept turn, oldest first, failures included. */
  get entries(): readonly ConversationEntry[] {
    return [...this.conversation];
  }

  /**
   * The conversation as messages for a model, oldest first: user turns and agents' answers.
   * Failed turns (entries with `error`) are left out: the user's turn before them stays.
   */
  getMessages(options: GetMessagesOptions = {}): Message[] {
    const messages: Message[] = this.conversation
      .filter((entry) => entry.error === undefined)
      .map(({ role, content }) => ({ role, content }));
    if (options.last === undefined) return messages;
    return options.last <= 0 ? [] : messages.slice(-options.last);
  }

  /** Forgets the conversation (working and persistent memory stay). */
  clearConversation(): void {
    this.conversation.length = 0;
  }

  /**
   * Stores a value in persistent memory. It must survive `JSON.stringify`.
   * @example
   * ```ts
   * await memory.remember('preferences', { language: 'French' }, { ttl: 86_400_000 });
   * ```
   */
  async remember(key: string, value: unknown, options: RememberOptions = {}): Promise<void> {
    await this.keyv.set(encodeMemoryKey(this.namespace, key), value, options.ttl ?? this.ttl);
  }

  /** A value from persistent memory, or `undefined` when it was never stored or has expired. */
  async recall<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.keyv.get<T>(encodeMemoryKey(this.namespace, key))) ?? undefined;
  }

  /** Removes `key` from persistent memory; `true` if it was there. */
  async forget(key: string): Promise<boolean> {
    return this.keyv.delete(encodeMemoryKey(this.namespace, key));
  }

  /**
   * Clears working memory, the conversation, and this namespace's persistent memory: exactly its
   * keys, not other namespaces' nor anything else in the store. It lists the store's memory keys
   * (every namespace's), so it takes time in proportion to them.
   * @throws {Error} when the store is a Keyv instance that cannot list its keys.
   */
  async clear(): Promise<void> {
    this.working.clear();
    this.clearConversation();
    const iterator = this.keyv.iterator;
    if (typeof iterator !== 'function') {
      throw new Error(
        `This memory store cannot list its keys, so clear() cannot find namespace '${this.namespace}'. Use 'memory', 'sqlite:...' or 'redis://...', or a Keyv over an iterable store.`,
      );
    }
    // Never the store's own clear(): it removes a whole Keyv namespace, the LLM cache's included
    // when the store is shared.
    const prefix = memoryNamespacePrefix(this.namespace);
    const doomed: string[] = [];
    for await (const [key] of iterator.call(this.keyv, this.keyv.namespace) as AsyncIterable<
      [string, unknown]
    >) {
      if (key.startsWith(prefix)) doomed.push(key);
    }
    for (const key of doomed) await this.keyv.delete(key);
  }

  /** Closes the persistent store (the SQLite file, the Redis connection). */
  async close(): Promise<void> {
    await this.keyv.disconnect();
  }
}

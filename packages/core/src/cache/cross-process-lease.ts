import { randomUUID } from 'node:crypto';
import { sleep } from '../util/sleep.js';
import type { CacheEntry } from './cache-entry.js';
import type { EntryStore } from './entry-store.js';
import type { AtomicStoreOperations } from './store-capabilities.js';

/** A lease this process holds on a key; `release` gives it back (once). */
export interface HeldLease {
  release(): void;
}

/**
 * A short lock per cache key in a store several processes share, so that identical calls in
 * different processes make one request: the first takes the lease and asks the model; the others
 * wait for its answer to land in the store. The holder renews its short lease while it asks, so
 * a holder that died loses it within one ttl, and a long call keeps it. Built on the store's
 * {@link AtomicStoreOperations}; every failure of the store is fail-open (this process asks).
 */
export class CrossProcessLease {
  private readonly token = randomUUID();
  private readonly ttlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: EntryStore,
    private readonly atomic: AtomicStoreOperations,
    options: { ttlMs?: number | undefined; pollMs?: number | undefined } = {},
  ) {
    // Short, because the holder renews it: a holder that died stalls its waiters for one ttl.
    this.ttlMs = options.ttlMs ?? 5_000;
    this.pollMs = options.pollMs ?? 25;
  }

  /**
   * Takes the lease on `key`. Resolves the held lease (renewed until released), `'ask'` when this
   * process should ask without one (the store failed or is skipped: fail-open), or `'taken'`
   * when another process holds it.
   */
  async acquire(key: string): Promise<HeldLease | 'ask' | 'taken'> {
    if (!this.store.available()) return 'ask';
    let acquired: boolean;
    try {
      acquired = await this.store.attempt('lease', () =>
        this.atomic.setIfAbsent(this.leaseKey(key), this.token, this.ttlMs),
      );
    } catch {
      return 'ask';
    }
    if (!acquired) return 'taken';
    const stopRenewing = this.keep(key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        stopRenewing();
        void this.release(key);
      },
    };
  }

  /**
   * Waits while another process holds the lease on `key`, for its answer to land. The holder
   * renews its lease while it asks, so this waits as long as its call runs. Resolves the entry,
   * or `undefined` once the lease is gone without one (the holder failed, or died and its lease
   * expired, within one ttl) or `deadline` (a `performance.now()` time: the waiting call's own
   * time limit) has passed.
   */
  async waitForEntry(
    key: string,
    abortSignal: AbortSignal,
    deadline = Number.POSITIVE_INFINITY,
  ): Promise<CacheEntry | undefined> {
    while (performance.now() < deadline) {
      await sleep(Math.min(this.pollMs, deadline - performance.now()), abortSignal);
      const entry = await this.store.get(key);
      if (entry !== undefined) return entry;
      const held = await this.store
        .attempt('lease', () => this.atomic.exists(this.leaseKey(key)))
        .catch(() => false);
      if (!held) return this.store.get(key);
    }
    return undefined;
  }

  // Renews the lease every third of its ttl, so a call longer than the ttl keeps it, and a holder
  // that died loses it within one ttl. A renewal that fails (store down) is reported like any
  // lease failure and tried again a third of a ttl later; a lease found lost (it expired; another
  // process may hold it now) is not renewed again. The call goes on either way. The timer does
  // not keep the process alive.
  private keep(key: string): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(renew, Math.max(1, Math.floor(this.ttlMs / 3)));
      timer.unref();
    };
    const renew = () => {
      if (!this.store.available()) {
        schedule();
        return;
      }
      this.store
        .attempt('lease', () =>
          this.atomic.expireIfEquals(this.leaseKey(key), this.token, this.ttlMs),
        )
        .then(
          (held) => {
            if (held) schedule();
          },
          () => schedule(),
        );
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  private async release(key: string): Promise<void> {
    await this.store
      .attempt('lease', () => this.atomic.deleteIfEquals(this.leaseKey(key), this.token))
      .catch(() => {});
  }

  private leaseKey(key: string): string {
    return `${this.store.keyv.namespace ?? 'kagura'}:lease:${key}`;
  }
}

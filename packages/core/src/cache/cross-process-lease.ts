import { randomUUID } from 'node:crypto';
import { sleep } from '../util/sleep.js';
import type { CacheEntry } from './cache-entry.js';
import type { EntryStore } from './entry-store.js';
import type { AtomicStoreOperations, StoreNotifications } from './store-capabilities.js';

/**
 * How often a waiter woken by notifications still looks, at least: a slow fallback for a message
 * lost (a subscriber reconnecting, a holder that died without publishing).
 */
const notifiedPollMs = 250;

/**
 * A lease this process holds on a key; `release` gives it back (once), with the JSON of the
 * entry it stored, if any, for the waiters' wake-up message.
 */
export interface HeldLease {
  release(storedJson?: string): void;
  /**
   * Gives it back without telling the waiters (once): for a lease claimed with a read that then
   * found the entry, which any waiter's own first look finds too.
   */
  drop(): void;
}

/**
 * Entries up to this size ride in the release message, so that a woken waiter has its answer
 * without reading the store (one round trip less); larger ones are read. Every process
 * subscribed to the namespace receives each message, so this stays small.
 */
export const carriedEntryMaxBytes = 16 * 1024;

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
  private readonly notify: StoreNotifications | undefined;

  constructor(
    private readonly store: EntryStore,
    private readonly atomic: AtomicStoreOperations,
    options: { ttlMs?: number | undefined; pollMs?: number | undefined } = {},
  ) {
    this.notify = store.capabilities.notify;
    // Short, because the holder renews it: a holder that died stalls its waiters for one ttl.
    this.ttlMs = options.ttlMs ?? 5_000;
    const pollMs = options.pollMs ?? 25;
    // Woken by a message, a waiter polls only as a fallback: every 250 ms, or a set slower pace.
    this.pollMs = this.notify === undefined ? pollMs : Math.max(pollMs, notifiedPollMs);
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
    return this.held(key);
  }

  /**
   * A miss's first look and its claim in one round trip, where the store can
   * (`readOrSetIfAbsent`): the fresh entry under `key` (and no lease claimed), or what
   * {@link acquire} resolves. `'unread'` when the store cannot, or what it holds under `key` is
   * not a fresh entry: read it and claim the lease the usual way.
   */
  async readOrAcquire(
    key: string,
  ): Promise<{ entry: CacheEntry } | HeldLease | 'ask' | 'taken' | 'unread'> {
    const { atomic } = this;
    if (atomic.readOrSetIfAbsent === undefined) return 'unread';
    if (!this.store.available()) return 'ask';
    const readOrSetIfAbsent = atomic.readOrSetIfAbsent.bind(atomic);
    let reply: Awaited<ReturnType<typeof readOrSetIfAbsent>>;
    try {
      reply = await this.store.attempt('get', () =>
        readOrSetIfAbsent(key, this.leaseKey(key), this.token, this.ttlMs),
      );
    } catch {
      // The store failed (counted): a miss, asked without a lease, as `acquire` would.
      return 'ask';
    }
    if ('refused' in reply) return 'unread';
    if ('set' in reply) return reply.set ? this.held(key) : 'taken';
    const entry = this.store.readStored(reply.stored);
    return entry === undefined ? 'unread' : { entry };
  }

  // The lease this process has just taken on `key`, renewed until it is given back.
  private held(key: string): HeldLease {
    const stopRenewing = this.keep(key);
    let released = false;
    return {
      release: (storedJson) => {
        if (released) return;
        released = true;
        stopRenewing();
        void this.release(key, storedJson);
      },
      drop: () => {
        if (released) return;
        released = true;
        stopRenewing();
        void this.store
          .attempt('lease', () => this.atomic.deleteIfEquals(this.leaseKey(key), this.token))
          .catch(() => {});
      },
    };
  }

  /**
   * Waits while another process holds the lease on `key`, for its answer to land. The holder
   * renews its lease while it asks, so this waits as long as its call runs. Resolves the entry,
   * or `undefined` once the lease is gone without one (the holder failed, or died and its lease
   * expired, within one ttl) or `deadline` (a `performance.now()` time: the waiting call's own
   * time limit) has passed. With the store's notifications it wakes when the holder releases
   * (subscribed before its first look, so no release is missed) and polls only as a fallback;
   * without them, or when subscribing fails, it polls every `pollMs`.
   */
  async waitForEntry(
    key: string,
    abortSignal: AbortSignal,
    deadline = Number.POSITIVE_INFINITY,
  ): Promise<CacheEntry | undefined> {
    const wake = await this.listen(key);
    try {
      while (performance.now() < deadline) {
        await wake.next(Math.min(this.pollMs, deadline - performance.now()), abortSignal);
        const carried = wake.carried();
        const entry =
          (carried === undefined ? undefined : this.store.readCarried(carried)) ??
          (await this.store.get(key));
        if (entry !== undefined) return entry;
        const held = await this.store
          .attempt('lease', () => this.atomic.exists(this.leaseKey(key)))
          .catch(() => false);
        if (!held) return this.store.get(key);
      }
      return undefined;
    } finally {
      wake.stop();
    }
  }

  // A wake-up for `key`: `next` resolves on its release message or after `waitMs`, whichever is
  // first (a message that came while the waiter was looking is not lost). Fail-open: a failed
  // subscription leaves plain polling, at the fallback pace, as before notifications.
  private async listen(key: string): Promise<{
    next(waitMs: number, abortSignal: AbortSignal): Promise<void>;
    /** The entry's JSON the last release message carried, taken once. */
    carried(): string | undefined;
    stop(): void;
  }> {
    const { notify } = this;
    const poll = {
      next: (waitMs: number, abortSignal: AbortSignal) => sleep(waitMs, abortSignal),
      carried: () => undefined,
      stop: () => {},
    };
    if (notify === undefined || !this.store.available()) return poll;
    // The first look is at once: the holder may have released while this was subscribing.
    let notified = true;
    let wakeUp: (() => void) | undefined;
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let carried: string | undefined;
    const withEntry = `${key}\n`;
    const subscribing = (async () =>
      notify.subscribe(this.channel(), (message) => {
        if (message === key) carried = undefined;
        else if (message.startsWith(withEntry)) carried = message.slice(withEntry.length);
        else return;
        notified = true;
        wakeUp?.();
      }))();
    // A subscription that lands late (the first one opens the store's subscriber connection,
    // which may take longer than the store's time budget) is still used: once it lands, the
    // waiter looks again at once (a release before it would otherwise be missed), then sleeps
    // until a message. Until then it polls at the fallback pace.
    const landed = subscribing.then(
      (done) => {
        if (stopped) {
          done();
          return false;
        }
        unsubscribe = done;
        notified = true;
        wakeUp?.();
        return true;
      },
      () => false,
    );
    try {
      await this.store.attempt('lease', () => landed);
    } catch {
      // Out of time: polling, and woken once the subscription lands.
    }
    return {
      next: async (waitMs, abortSignal) => {
        if (notified) {
          notified = false;
          return;
        }
        const controller = new AbortController();
        const onAbort = () => controller.abort(abortSignal.reason);
        abortSignal.addEventListener('abort', onAbort, { once: true });
        wakeUp = () => controller.abort('notified');
        try {
          await sleep(waitMs, controller.signal);
        } catch (error) {
          if (abortSignal.aborted) throw error;
        } finally {
          wakeUp = undefined;
          notified = false;
          abortSignal.removeEventListener('abort', onAbort);
        }
      },
      carried: () => {
        const json = carried;
        carried = undefined;
        return json;
      },
      stop: () => {
        stopped = true;
        unsubscribe?.();
      },
    };
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

  // Deletes the lease and tells the waiters. The message is the key, and after a newline the
  // stored entry's JSON when it is small (see carriedEntryMaxBytes): a waiter woken by it has its
  // answer and looks at nothing else, so the message goes out with the delete. Without the entry
  // it goes out after the delete, so that a woken waiter finds the lease gone, or the answer
  // (which the cache stored before releasing). A store that can do both in one command (Kagura's
  // Redis store: one script, the delete first) does.
  private async release(key: string, storedJson?: string): Promise<void> {
    const { notify } = this;
    const carried = storedJson !== undefined && storedJson.length <= carriedEntryMaxBytes;
    const message = carried ? `${key}\n${storedJson}` : key;
    const { atomic } = this;
    if (notify !== undefined && atomic.releaseAndPublish !== undefined && this.store.available()) {
      // The delete and the message in one command (the delete first), where the store can.
      const done = await this.store
        .attempt('lease', () =>
          atomic.releaseAndPublish!(this.leaseKey(key), this.token, this.channel(), message),
        )
        .catch(() => 'failed' as const);
      if (done !== 'refused') return;
    }
    const deleting = this.store
      .attempt('lease', () => this.atomic.deleteIfEquals(this.leaseKey(key), this.token))
      .catch(() => {});
    if (!carried) await deleting;
    if (notify !== undefined && this.store.available()) {
      await this.store
        .attempt('lease', () => notify.publish(this.channel(), message))
        .catch(() => {});
    }
    await deleting;
  }

  private leaseKey(key: string): string {
    return `${this.namespace()}:lease:${key}`;
  }

  // One channel per namespace, the key as the message: the store's subscriptions stay few.
  private channel(): string {
    return `${this.namespace()}:lease`;
  }

  private namespace(): string {
    return this.store.keyv.namespace ?? 'kagura';
  }
}

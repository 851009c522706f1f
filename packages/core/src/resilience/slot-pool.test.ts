import { AbortError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { SlotPool } from './slot-pool.js';
import { takeTicket } from './wait-queue.js';

// Lets every pending promise callback run.
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// Acquires a slot, recording its name in `order` once it is granted.
function acquireInto(pool: SlotPool, order: string[], name: string, ticket?: number) {
  return pool.acquire(ticket === undefined ? {} : { ticket }).then((release) => {
    order.push(name);
    return release;
  });
}

describe('SlotPool', () => {
  describe('acquire', () => {
    it('should grant up to size slots at once and queue the rest until one is released', async () => {
      const pool = new SlotPool(2);
      const order: string[] = [];
      const a = acquireInto(pool, order, 'a');
      const b = acquireInto(pool, order, 'b');
      const c = acquireInto(pool, order, 'c');
      await flush();
      expect(order).toEqual(['a', 'b']);
      expect(pool.waiting).toBe(1);
      (await a)();
      await flush();
      expect(order).toEqual(['a', 'b', 'c']);
      expect(pool.waiting).toBe(0);
      (await b)();
      (await c)();
    });

    it('should serve waiters by ticket, ties in arrival order', async () => {
      const pool = new SlotPool(1);
      const order: string[] = [];
      const held = await pool.acquire();
      const early = takeTicket();
      const late = acquireInto(pool, order, 'late');
      const tieFirst = acquireInto(pool, order, 'early, first', early);
      const tieSecond = acquireInto(pool, order, 'early, second', early);
      held();
      for (const next of [tieFirst, tieSecond, late]) {
        (await next)();
      }
      expect(order).toEqual(['early, first', 'early, second', 'late']);
    });

    it('should reject at once with an AbortError when the signal has already aborted', async () => {
      const pool = new SlotPool(1);
      const reason = new Error('gone');
      const error = await pool
        .acquire({ signal: AbortSignal.abort(reason) })
        .catch((caught) => caught);
      expect(AbortError.isInstance(error)).toBe(true);
      expect((error as AbortError).cause).toBe(reason);
      // No slot was taken.
      (await pool.acquire())();
    });

    it('should leave the queue on abort, so the next waiter gets the slot', async () => {
      const pool = new SlotPool(1);
      const order: string[] = [];
      const held = await pool.acquire();
      const controller = new AbortController();
      const leaving = pool.acquire({ signal: controller.signal });
      const staying = acquireInto(pool, order, 'staying');
      expect(pool.waiting).toBe(2);
      controller.abort('changed my mind');
      await expect(leaving).rejects.toSatisfy(
        (error) => AbortError.isInstance(error) && error.cause === 'changed my mind',
      );
      expect(pool.waiting).toBe(1);
      held();
      (await staying)();
      expect(order).toEqual(['staying']);
    });

    it('should ignore an abort after the slot was granted', async () => {
      const pool = new SlotPool(1);
      const controller = new AbortController();
      const release = await pool.acquire({ signal: controller.signal });
      controller.abort();
      const order: string[] = [];
      const next = acquireInto(pool, order, 'next');
      await flush();
      expect(order).toEqual([]);
      release();
      (await next)();
      expect(order).toEqual(['next']);
    });
  });

  describe('release', () => {
    it('should free its slot only once, however often it is called', async () => {
      const pool = new SlotPool(1);
      const order: string[] = [];
      const release = await pool.acquire();
      const second = acquireInto(pool, order, 'second');
      const third = acquireInto(pool, order, 'third');
      release();
      release();
      await flush();
      expect(order).toEqual(['second']);
      (await second)();
      (await third)();
      expect(order).toEqual(['second', 'third']);
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { takeTicket, WaitQueue, type WaitQueueEntry } from './wait-queue.js';

// Empties the queue, in the order it hands its waiters back.
function drain<T>(queue: WaitQueue<T>): T[] {
  const values: T[] = [];
  for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
    values.push(entry.value);
  }
  return values;
}

describe('takeTicket', () => {
  it('should hand out ever larger tickets', () => {
    const first = takeTicket();
    const second = takeTicket();
    expect(second).toBeGreaterThan(first);
  });
});

describe('WaitQueue', () => {
  describe('shift', () => {
    it('should hand back the lowest ticket first, ties in arrival order', () => {
      const queue = new WaitQueue<string>();
      queue.push(5, 'five');
      queue.push(2, 'two, first');
      queue.push(9, 'nine');
      queue.push(2, 'two, second');
      queue.push(1, 'one');
      expect(queue.size).toBe(5);
      expect(drain(queue)).toEqual(['one', 'two, first', 'two, second', 'five', 'nine']);
      expect(queue.size).toBe(0);
      expect(queue.shift()).toBeUndefined();
    });
  });

  describe('peek', () => {
    it('should show the first waiter without taking it out', () => {
      const queue = new WaitQueue<string>();
      queue.push(3, 'three');
      const first = queue.push(1, 'one');
      expect(queue.peek()?.value).toBe('one');
      expect(queue.size).toBe(2);
      queue.delete(first);
      expect(queue.peek()?.value).toBe('three');
      expect(queue.size).toBe(1);
    });
  });

  describe('delete', () => {
    it('should take a waiter out from anywhere in the queue, and be a no-op once it left', () => {
      const queue = new WaitQueue<string>();
      const entries = ['a', 'b', 'c', 'd'].map((value, index) => queue.push(index, value));
      queue.delete(entries[2]!);
      queue.delete(entries[2]!);
      expect(queue.size).toBe(3);
      const shifted = queue.shift()!;
      expect(shifted.value).toBe('a');
      // Deleting a waiter already handed back changes nothing.
      queue.delete(shifted);
      expect(queue.size).toBe(2);
      expect(drain(queue)).toEqual(['b', 'd']);
    });

    it('should keep the order of the rest under any mix of pushes, shifts and deletes', () => {
      type Step =
        | { kind: 'push'; ticket: number }
        | { kind: 'shift' }
        | { kind: 'delete'; pick: number };
      const step = fc.oneof(
        fc.record({ kind: fc.constant('push' as const), ticket: fc.integer({ min: 0, max: 8 }) }),
        fc.record({ kind: fc.constant('shift' as const) }),
        fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      );
      fc.assert(
        fc.property(fc.array(step as fc.Arbitrary<Step>, { maxLength: 60 }), (steps) => {
          const queue = new WaitQueue<number>();
          // The model: live entries, kept sorted by (ticket, arrival).
          const model: Array<{ ticket: number; arrival: number; entry: WaitQueueEntry<number> }> =
            [];
          let arrivals = 0;
          for (const current of steps) {
            if (current.kind === 'push') {
              arrivals += 1;
              const entry = queue.push(current.ticket, arrivals);
              model.push({ ticket: current.ticket, arrival: arrivals, entry });
              model.sort((a, b) => a.ticket - b.ticket || a.arrival - b.arrival);
            } else if (current.kind === 'shift') {
              expect(queue.shift()?.value).toBe(model.shift()?.arrival);
            } else if (model.length > 0) {
              const [removed] = model.splice(current.pick % model.length, 1);
              queue.delete(removed!.entry);
            }
            expect(queue.size).toBe(model.length);
          }
          expect(drain(queue)).toEqual(model.map((waiter) => waiter.arrival));
        }),
      );
    });
  });
});

import { AbortError } from '@kagura-ts/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateBudget } from './rate-budget.js';
import { takeTicket } from './wait-queue.js';

interface Sent {
  at: number;
  amount: number;
}

const minute = 60_000;

// The most units sent in any 60-s window [start, start + 60 s).
function busiestWindow(sent: Sent[]): number {
  const sorted = [...sent].sort((a, b) => a.at - b.at);
  let busiest = 0;
  let end = 0;
  let sum = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]!.at < sorted[start]!.at + minute) {
      sum += sorted[end]!.amount;
      end += 1;
    }
    busiest = Math.max(busiest, sum);
    sum -= sorted[start]!.amount;
  }
  return busiest;
}

// A sender: each take is committed (sent) the moment it is granted, and recorded.
function sender(budget: RateBudget) {
  const sent: Sent[] = [];
  const send = (amount = 1) =>
    budget.take(amount).then((reservation) => {
      reservation.commit();
      sent.push({ at: Date.now(), amount });
      return reservation;
    });
  const sendAt = (at: number, count: number, amount = 1) =>
    setTimeout(() => {
      for (let index = 0; index < count; index += 1) void send(amount);
    }, at - Date.now());
  return { sent, send, sendAt };
}

function countAt(sent: Sent[], at: number): number {
  return sent.filter((entry) => entry.at === at).length;
}

describe('RateBudget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('should send a minute of budget at once, then the next ones exactly when the oldest leave', async () => {
    const { sent, sendAt } = sender(new RateBudget(60, () => Date.now()));
    sendAt(0, 200);
    await vi.advanceTimersByTimeAsync(4 * minute);
    expect(sent).toHaveLength(200);
    expect(countAt(sent, 0)).toBe(60);
    expect(countAt(sent, minute)).toBe(60);
    expect(countAt(sent, 2 * minute)).toBe(60);
    expect(countAt(sent, 3 * minute)).toBe(20);
  });

  it('should never send more than the limit in any 60-s window, over five minutes of bursts and steady load', async () => {
    const { sent, sendAt } = sender(new RateBudget(60, () => Date.now()));
    sendAt(0, 45);
    // Steady demand of two a second from 0:10 to 3:10, on top of the first burst.
    for (let at = 10_000; at < 190_000; at += 500) sendAt(at, 1);
    sendAt(200_000, 80);
    sendAt(290_000, 5);
    await vi.advanceTimersByTimeAsync(10 * minute);
    expect(sent).toHaveLength(45 + 360 + 80 + 5);
    expect(busiestWindow(sent)).toBeLessThanOrEqual(60);
    // Not needlessly slow: every window starting at a send holds a full minute's worth, as
    // long as demand is waiting (here the whole time up to the last send).
    const last = Math.max(...sent.map((entry) => entry.at));
    for (const entry of sent) {
      if (entry.at + minute > last) continue;
      const inWindow = sent.filter((other) => other.at >= entry.at && other.at < entry.at + minute);
      expect(inWindow.length).toBe(60);
    }
    // The first 45 go at once, the next 15 as the steady demand asks for them.
    expect(countAt(sent, 0)).toBe(45);
    expect(sent.filter((entry) => entry.at < minute)).toHaveLength(60);
  });

  it('should serve takers in order, a large one holding back smaller ones behind it', async () => {
    const budget = new RateBudget(10, () => Date.now());
    const { send, sendAt } = sender(budget);
    await send(6);
    sendAt(20_000, 1, 3);
    const order: string[] = [];
    await vi.advanceTimersByTimeAsync(20_000);
    void budget.take(4).then((reservation) => {
      reservation.commit();
      order.push(`four at ${Date.now()}`);
    });
    void budget.take(1).then((reservation) => {
      reservation.commit();
      order.push(`one at ${Date.now()}`);
    });
    await vi.advanceTimersByTimeAsync(2 * minute);
    // 6 + 3 are in the window: the 4 waits for the 6 to leave, and the 1 waits behind it.
    expect(order).toEqual([`four at ${minute}`, `one at ${minute}`]);
  });

  it('should serve a waiter by its ticket, ahead of later tickets that came first', async () => {
    const budget = new RateBudget(1, () => Date.now());
    (await budget.take(1)).commit();
    const early = takeTicket();
    const order: string[] = [];
    void budget.take(1).then(() => order.push('later ticket'));
    void budget.take(1, { ticket: early }).then(() => order.push('earlier ticket'));
    await vi.advanceTimersByTimeAsync(minute);
    expect(order).toEqual(['earlier ticket']);
  });

  it('should count a taken reservation until it is committed or cancelled, then from its commit', async () => {
    const budget = new RateBudget(2, () => Date.now());
    const held = await budget.take(1);
    const { sent, sendAt } = sender(budget);
    sendAt(0, 2);
    await vi.advanceTimersByTimeAsync(30_000);
    // One unit is free while the other is held: one send, the other waits.
    expect(sent.map((entry) => entry.at)).toEqual([0]);
    held.commit();
    await vi.advanceTimersByTimeAsync(30_000);
    // The send at 0 leaves at 1:00; the held unit, committed at 0:30, stays until 1:30.
    expect(sent.map((entry) => entry.at)).toEqual([0, minute]);
  });

  it('should give a cancelled reservation back at once', async () => {
    const budget = new RateBudget(2, () => Date.now());
    const held = await budget.take(2);
    const { sent, sendAt } = sender(budget);
    sendAt(10_000, 1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sent).toEqual([]);
    held.cancel();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((entry) => entry.at)).toEqual([20_000]);
  });

  it('should settle token reservations: what was not used goes back, what was used beyond goes into debt', async () => {
    const budget = new RateBudget(1000, () => Date.now());
    const { sent, send } = sender(budget);
    // A 600-token estimate that used 200: 800 are free again at once.
    const small = await send(600);
    small.adjust(-400);
    await send(800);
    expect(sent.map((entry) => entry.at)).toEqual([0, 0]);
    // At 1:00 both leave. A 500-token estimate that used 900 leaves 100 until 2:00.
    await vi.advanceTimersByTimeAsync(minute);
    const large = await send(500);
    large.adjust(400);
    void send(200);
    await vi.advanceTimersByTimeAsync(minute - 1);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((entry) => entry.at)).toEqual([0, 0, minute, 2 * minute]);
  });

  it('should count usage reported after its minute is over from when it is reported', async () => {
    const budget = new RateBudget(1000, () => Date.now());
    const { sent, send } = sender(budget);
    const long = await send(100);
    await vi.advanceTimersByTimeAsync(70_000);
    long.adjust(900);
    void send(200);
    await vi.advanceTimersByTimeAsync(minute - 1);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((entry) => entry.at)).toEqual([0, 130_000]);
  });

  it('should cap a take larger than the limit at the limit', async () => {
    const budget = new RateBudget(1000, () => Date.now());
    const reservation = await budget.take(5000);
    expect(reservation.amount).toBe(1000);
  });

  it('should leave the queue when the waiter aborts, letting the next one go', async () => {
    const budget = new RateBudget(1, () => Date.now());
    (await budget.take(1)).commit();
    const controller = new AbortController();
    const waiting = budget.take(1, { signal: controller.signal });
    let next = false;
    void budget.take(1).then(() => {
      next = true;
    });
    controller.abort();
    await expect(waiting).rejects.toSatisfy(AbortError.isInstance);
    await expect(budget.take(1, { signal: controller.signal })).rejects.toSatisfy(
      AbortError.isInstance,
    );
    await vi.advanceTimersByTimeAsync(minute);
    expect(next).toBe(true);
  });
});

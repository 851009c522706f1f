import { TimeoutError } from '@kagura-ts/provider';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttemptTimer } from './attempt-timer.js';

describe('AttemptTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  describe('arm', () => {
    it('should abort the signal with a TimeoutError naming the limit when its timer fires', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('first-token', 1000);
      vi.advanceTimersByTime(999);
      expect(timer.signal.aborted).toBe(false);
      expect(timer.fired).toBeUndefined();
      vi.advanceTimersByTime(1);
      expect(timer.signal.aborted).toBe(true);
      expect(TimeoutError.isInstance(timer.fired)).toBe(true);
      expect(timer.fired).toMatchObject({ timeout: 'first-token', ms: 1000, provider: 'openai' });
      expect(timer.signal.reason).toBe(timer.fired);
    });

    it('should name the whole budget for a total timer armed with what is left of it', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', 300, 1000);
      vi.advanceTimersByTime(300);
      expect(timer.fired).toMatchObject({ timeout: 'total', ms: 1000 });
    });

    it('should fire at once for a wait already past', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', -50, 1000);
      vi.advanceTimersByTime(0);
      expect(timer.fired).toMatchObject({ timeout: 'total', ms: 1000 });
    });

    it('should replace the idle timer when it is armed again', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('first-token', 1000);
      vi.advanceTimersByTime(500);
      timer.arm('between-deltas', 800);
      vi.advanceTimersByTime(799);
      expect(timer.fired).toBeUndefined();
      vi.advanceTimersByTime(1);
      expect(timer.fired).toMatchObject({ timeout: 'between-deltas', ms: 800 });
    });

    it('should keep the idle and the total timers apart', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', 1000);
      timer.arm('first-token', 5000);
      vi.advanceTimersByTime(1000);
      expect(timer.fired).toMatchObject({ timeout: 'total', ms: 1000 });
    });

    it('should keep the first timeout that fired', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', 500);
      timer.arm('first-token', 200);
      vi.advanceTimersByTime(1000);
      expect(timer.fired).toMatchObject({ timeout: 'first-token', ms: 200 });
      expect(timer.signal.reason).toBe(timer.fired);
    });

    it('should arm nothing for an undefined or infinite wait', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', undefined);
      timer.arm('first-token', Number.POSITIVE_INFINITY);
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(60_000);
      expect(timer.signal.aborted).toBe(false);
    });
  });

  describe('clear', () => {
    it('should stop every timer', () => {
      const timer = new AttemptTimer('openai');
      timer.arm('total', 1000);
      timer.arm('first-token', 500);
      timer.clear();
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(60_000);
      expect(timer.signal.aborted).toBe(false);
      expect(timer.fired).toBeUndefined();
    });
  });

  describe('with an outer signal', () => {
    it("should abort with the outer signal's reason, fired or not, and not name a timeout", () => {
      const outer = new AbortController();
      const timer = new AttemptTimer('openai', outer.signal);
      timer.arm('total', 1000);
      outer.abort('caller left');
      expect(timer.signal.aborted).toBe(true);
      expect(timer.signal.reason).toBe('caller left');
      expect(timer.fired).toBeUndefined();
      const late = new AttemptTimer('openai', outer.signal);
      expect(late.signal.reason).toBe('caller left');
    });

    it('should stop following the outer signal once cleared', () => {
      const outer = new AbortController();
      const timer = new AttemptTimer('openai', outer.signal);
      timer.clear();
      outer.abort();
      expect(timer.signal.aborted).toBe(false);
    });
  });
});

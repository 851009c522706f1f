import { describe, expect, it } from 'vitest';
import { currentAbortSignal, withAbortSignal } from './with-abort-signal.js';

describe('withAbortSignal', () => {
  it('should make the signal ambient, and combine it with the one around it', () => {
    const outer = new AbortController();
    const inner = new AbortController();
    expect(currentAbortSignal()).toBeUndefined();
    const combined = withAbortSignal(outer.signal, () =>
      withAbortSignal(inner.signal, () => currentAbortSignal()),
    );
    expect(combined?.aborted).toBe(false);
    outer.abort(new Error('outer gone'));
    expect(combined?.aborted).toBe(true);
    expect(combined?.reason).toEqual(new Error('outer gone'));
  });

  it('should keep the same signal given again inside itself, not a combination', () => {
    const controller = new AbortController();
    const ambient = withAbortSignal(controller.signal, () =>
      withAbortSignal(controller.signal, () => currentAbortSignal()),
    );
    expect(ambient).toBe(controller.signal);
  });
});

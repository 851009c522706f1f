import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './parse-retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('should prefer retry-after-ms', () => {
    const headers = new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' });
    expect(parseRetryAfter(headers, now)).toBe(1500);
  });

  it('should read retry-after as seconds', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
  });

  it('should read retry-after as an HTTP date', () => {
    const headers = new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' });
    expect(parseRetryAfter(headers, now)).toBe(3000);
  });

  it('should not go below zero for a date in the past', () => {
    const headers = new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' });
    expect(parseRetryAfter(headers, now)).toBe(0);
  });

  it('should ignore missing and unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': 'x', 'retry-after': '1' }), now)).toBe(
      1000,
    );
  });
});

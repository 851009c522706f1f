import { describe, expect, it } from 'vitest';
import { createTenantScope } from './create-tenant-scope.js';

describe('createTenantScope', () => {
  it('should give each account and endpoint its own stable scope, whatever the order of asking', () => {
    const first = createTenantScope(['sk-a', 'https://api.openai.com/v1']);
    const second = createTenantScope(['sk-b', 'https://api.openai.com/v1']);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
    // Asked in turns, each gets its own again (the last answer is not handed to another).
    for (let round = 0; round < 3; round += 1) {
      expect(createTenantScope(['sk-a', 'https://api.openai.com/v1'])).toBe(first);
      expect(createTenantScope(['sk-b', 'https://api.openai.com/v1'])).toBe(second);
    }
    expect(createTenantScope(['sk-a', 'https://api.openai.com/v1', 'org'])).not.toBe(first);
  });

  it('should treat a missing part as null, and never contain the key', () => {
    expect(createTenantScope(['sk-a', undefined])).toBe(createTenantScope(['sk-a', null]));
    expect(createTenantScope(['sk-secret-key'])).not.toContain('secret');
  });

  it('should not be changed by a change to the array it was given', () => {
    const parts: (string | undefined)[] = ['sk-a', 'https://x'];
    const scope = createTenantScope(parts);
    parts[0] = 'sk-b';
    expect(createTenantScope(parts)).not.toBe(scope);
    expect(createTenantScope(['sk-a', 'https://x'])).toBe(scope);
  });
});

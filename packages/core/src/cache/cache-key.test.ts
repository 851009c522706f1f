import type { ModelRequest } from '@kagura-ts/provider';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CacheKeyInput, createCacheKey } from './cache-key.js';
import { createCacheTenantId, tenantIdOfCacheKey } from './cache-tenant-id.js';
import { canonicalJson } from './canonical-json.js';

const base: CacheKeyInput = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  tenant: 'tenant-a',
  namespace: 'default',
  request: {
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ],
    temperature: 0,
  },
};

// Rebuilds a JSON value with every object's keys in a shuffled order.
function permuteKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, index) => permuteKeys(item, seed + index));
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const keys = Object.keys(value);
  const shuffled = keys
    .map((key, index) => ({ key, order: Math.sin(seed * 97 + index * 13) }))
    .sort((a, b) => a.order - b.order);
  return Object.fromEntries(
    shuffled.map(({ key }) => [
      key,
      permuteKeys((value as Record<string, unknown>)[key], seed + 1),
    ]),
  );
}

const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('canonicalJson', () => {
  it('should not depend on the order keys were written in', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), (value, seed) => {
        expect(canonicalJson(permuteKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('should drop undefined, keep null, and hash bytes', () => {
    expect(canonicalJson({ b: undefined, a: null })).toBe('{"a":null}');
    const bytes = canonicalJson({ image: new Uint8Array([1, 2, 3]) });
    expect(bytes).toMatch(/^\{"image":\{"\$sha256":"[0-9a-f]{64}"\}\}$/);
    expect(canonicalJson({ image: new Uint8Array([1, 2, 4]) })).not.toBe(bytes);
  });
});

describe('createCacheKey', () => {
  it('should give the same key for a request with permuted keys', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const permuted = permuteKeys(base, seed) as CacheKeyInput;
        expect(createCacheKey(permuted)).toBe(createCacheKey(base));
      }),
    );
  });

  it('should change when any field that changes the answer changes', () => {
    const variants: Array<Partial<CacheKeyInput> | { request: Partial<ModelRequest> }> = [
      { provider: 'vllm' },
      { model: 'gpt-4o' },
      { tenant: 'tenant-b' },
      { namespace: 'other' },
      { request: { temperature: 0.1 } },
      { request: { topP: 0.9 } },
      { request: { maxTokens: 10 } },
      { request: { stop: ['\n'] } },
      { request: { seed: 1 } },
      { request: { responseFormat: { type: 'json' } } },
      { request: { tools: [{ name: 'add', inputSchema: { type: 'object' } }] } },
      { request: { toolChoice: 'required' } },
      { request: { providerOptions: { openai: { user: 'u1' } } } },
      { request: { messages: [{ role: 'user', content: 'Hi' }] } },
      {
        request: {
          messages: [
            { role: 'system', content: 'Be long.' },
            { role: 'user', content: 'Hi' },
          ],
        },
      },
      {
        request: {
          messages: [
            {
              role: 'user',
              content: [{ type: 'image', image: new Uint8Array([9]), mediaType: 'image/png' }],
            },
          ],
        },
      },
    ];
    const keys = new Set([createCacheKey(base)]);
    for (const variant of variants) {
      const input = {
        ...base,
        ...variant,
        request: { ...base.request, ...(variant as { request?: object }).request },
      };
      keys.add(createCacheKey(input as CacheKeyInput));
    }
    expect(keys.size).toBe(variants.length + 1);
  });

  it('should change for any change of the user message', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (first, second) => {
        fc.pre(first !== second);
        const key = (text: string) =>
          createCacheKey({ ...base, request: { messages: [{ role: 'user', content: text }] } });
        expect(key(first)).not.toBe(key(second));
      }),
    );
  });

  it('should look like a versioned tenant id and SHA-256', () => {
    expect(createCacheKey(base)).toMatch(/^kagura:v2:[0-9a-f]{16}:[0-9a-f]{64}$/);
  });

  it('should carry the tenant id, never the tenant itself', () => {
    const key = createCacheKey({ ...base, tenant: 'acme-secret' });
    expect(key).not.toContain('acme-secret');
    expect(tenantIdOfCacheKey(key)).toBe(createCacheTenantId('acme-secret'));
    expect(tenantIdOfCacheKey(`kagura:kagura:v1:${'a'.repeat(64)}`)).toBeUndefined();
  });

  it('should derive the keys it always did (a version-2 key made before the request was keyed from its snapshot)', () => {
    const input: CacheKeyInput = {
      provider: 'openai',
      model: 'gpt-4o-mini',
      tenant: 'tenant-a',
      namespace: 'default',
      request: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi "there"\n' },
        ],
        temperature: 0.2,
        tools: [
          {
            name: 't',
            description: undefined,
            inputSchema: { type: 'object', properties: { b: {}, a: {} } },
          },
        ],
      },
    };
    const key =
      'kagura:v2:3bd7565b66eb17da:0f4b2414aa2da67f1cf845e40b7a18f8869ef912537619e28a29c3aadb6521a0';
    expect(createCacheKey(input)).toBe(key);
    expect(createCacheKey({ ...input, requestJson: canonicalJson(input.request) })).toBe(key);
  });
});

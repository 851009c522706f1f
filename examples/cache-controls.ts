import { callLLM, createClient, getDefaultClient } from 'kagura-ts';
import { LLMCache } from 'kagura-ts/cache';
import { runExample } from './run-example.js';

export async function cacheControls(): Promise<void> {
  // Always a new sample: the cache is neither read nor written, and this is not a miss.
  await callLLM('Suggest a name for a cat.', { temperature: 1, cache: false });

  // Ask the model again and store the new answer in place of the old one.
  await callLLM('Summarise today’s incidents.', { cache: { refresh: true } });

  // Use a stored answer if there is one, but do not store this one; keep it an hour otherwise.
  await callLLM('Draft a reply.', { cache: { store: false } });
  await callLLM('Translate the FAQ.', { cache: { ttl: 3_600_000, namespace: 'faq' } });
}

export async function sharedCache(): Promise<void> {
  // One Redis for every process: they share answers, and identical calls in flight at the same
  // time in different processes still make one request.
  const cache = new LLMCache({ store: 'redis://localhost:6379', ttl: 0, namespace: 'support-bot' });
  const client = createClient({ cache });

  const { text, cache: info } = await client.call('What are your opening hours?');
  console.log(text, info.status, info.ageMs);

  // Delete by what was stored, not by key: an agent's answers, a model's, or old ones.
  await cache.invalidate({ agent: 'faq-writer' });
  await cache.invalidate({ model: 'gpt-4o-mini', olderThan: Date.now() - 86_400_000 });

  const { hits, misses, hitRate, coalesced, tokensSaved, costSaved } = cache.stats();
  console.log({ hits, misses, hitRate, coalesced, tokensSaved, costSaved });
  await cache.disconnect();
}

export async function main(): Promise<void> {
  await cacheControls();
  // What each control does to one repeated call, as its `response.cache.status` says.
  const question = 'Name a prime number.';
  const controls = [
    ['first call', {}],
    ['same call again', {}],
    ['cache: { refresh: true }', { cache: { refresh: true } }],
    ['cache: false', { cache: false }],
  ] as const;
  for (const [label, options] of controls) {
    const { cache } = await callLLM(question, options);
    console.log(`${label}: ${cache.status}`);
  }
  const { hits, misses } = getDefaultClient().cache!.stats();
  console.log(`default client: ${hits} hits, ${misses} misses`);
  if (process.env.REDIS_URL === undefined) {
    console.log('sharedCache() needs Redis at localhost:6379: set REDIS_URL to run it too.');
  } else {
    await sharedCache();
  }
}

await runExample(import.meta.url, main);

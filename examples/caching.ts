import { agent, type CacheStore, createClient, prompt, setDefaultClient } from 'kagura-ts';
import { runExample } from './run-example.js';

class Analyst {
  @agent({ model: 'openai:gpt-4o-mini', temperature: 0 })
  summarise(topic: string): Promise<string> {
    return prompt`Summarise the state of {{ topic }} in two sentences.`;
  }
}

const topics = ['solar power', 'battery storage', 'heat pumps', 'grid batteries', 'wind power'];

export async function main(store: CacheStore = 'sqlite:.kagura/example-cache.db'): Promise<void> {
  // An on-disk cache persists between runs: run this example twice and the second run is warm.
  const client = createClient({ cache: { store, ttl: 7 * 86_400_000 } });
  setDefaultClient(client);
  const analyst = new Analyst();

  for (let round = 0; round < 2; round++) {
    const before = client.cache!.stats().hits;
    const started = performance.now();
    await Promise.all(topics.map((topic) => analyst.summarise(topic)));
    const elapsed = Math.round(performance.now() - started);
    // The first round is cold only the first time: a later run finds the answers on disk.
    const fromCache = client.cache!.stats().hits - before;
    const label = fromCache === 0 ? 'cold' : fromCache === topics.length ? 'warm' : 'partly warm';
    console.log(`${label}: ${topics.length} calls in ${elapsed} ms, ${fromCache} from the cache`);
  }

  const stats = client.cache!.stats();
  console.log(
    `hits ${stats.hits}, misses ${stats.misses}, hit rate ${(stats.hitRate * 100).toFixed(0)}%, ` +
      `saved ${stats.tokensSaved} tokens ($${stats.costSaved.toFixed(6)})`,
  );
  await client.cache!.disconnect();
}

await runExample(import.meta.url, () => main());

/**
 * A `fetch` that does to an Anthropic Messages request what the API does with a top-level
 * `cache_control` (automatic prompt caching): puts it on the last content block of the last
 * message, and removes it from the top level. The simulator models block-level breakpoints only,
 * so without this a request that asks for automatic caching is served as if it asked for none.
 */
export function applyTopLevelCacheControl(
  fetch: typeof globalThis.fetch = globalThis.fetch,
): typeof globalThis.fetch {
  return (input, init) => {
    if (typeof init?.body !== 'string') return fetch(input, init);
    const body = JSON.parse(init.body) as {
      cache_control?: unknown;
      messages?: Array<{ content: unknown }>;
    };
    const last = body.messages?.at(-1);
    if (body.cache_control === undefined || body.cache_control === null || last === undefined) {
      return fetch(input, init);
    }
    const blocks: Array<Record<string, unknown>> =
      typeof last.content === 'string'
        ? [{ type: 'text', text: last.content }]
        : (last.content as Array<Record<string, unknown>>);
    const lastBlock = blocks.at(-1);
    if (lastBlock !== undefined) lastBlock.cache_control = body.cache_control;
    last.content = blocks;
    delete body.cache_control;
    return fetch(input, { ...init, body: JSON.stringify(body) });
  };
}

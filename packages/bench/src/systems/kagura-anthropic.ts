import { createAnthropic } from '@kagura-ts/anthropic';
import { createClient } from '@kagura-ts/core';
import {
  type BenchSystem,
  benchAnthropicModel,
  benchApiKey,
  type SystemSetup,
} from './bench-system.js';
import { kaguraCacheOptions, kaguraSystem } from './kagura.js';

/** Kagura TS over the Anthropic wire format (`@kagura-ts/anthropic`), for the streaming row. */
export async function createKaguraAnthropicSystem(setup: SystemSetup): Promise<BenchSystem> {
  const client = createClient({
    providers: {
      anthropic: createAnthropic({ baseURL: setup.anthropicBaseURL, apiKey: benchApiKey }),
    },
    model: `anthropic:${benchAnthropicModel}`,
    cache: kaguraCacheOptions(setup),
  });
  return kaguraSystem('kagura-anthropic', setup.store, client);
}

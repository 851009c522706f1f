import type { Usage } from '@kagura-ts/provider';
import type { CacheStatus } from './cache-info.js';
import { costOf, type ModelPrice } from './model-prices.js';

/** What a call cost, at the list prices of the client's price table (`prices`). */
export interface Cost {
  /**
   * What the provider bills for this call, in US dollars: its usage at the model's price
   * (cached input at the cached rate), summed over a tool loop's turns. `0` for an answer
   * served from the response cache or shared with an identical call.
   */
  usd: number;
  /** What an answer served from the cache, or shared, would have cost: what the call saved. */
  savedUsd: number;
  /** Whether the price table has the model; without it both figures are `0`. */
  priced: boolean;
}

/** A cost of nothing, for a model without a price. */
export const unpricedCost: Cost = Object.freeze({ usd: 0, savedUsd: 0, priced: false });

/** The cost of one model call with `usage` at `price`, served as `status` says. */
export function costOfCall(price: ModelPrice | undefined, usage: Usage, status: CacheStatus): Cost {
  if (price === undefined) return unpricedCost;
  const listed = costOf(usage, price);
  return status === 'hit' || status === 'coalesced'
    ? { usd: 0, savedUsd: listed, priced: true }
    : { usd: listed, savedUsd: 0, priced: true };
}

/** The costs of several calls (a tool loop's turns) added up. */
export function addCosts(costs: readonly Cost[]): Cost {
  let usd = 0;
  let savedUsd = 0;
  let priced = costs.length > 0;
  for (const cost of costs) {
    usd += cost.usd;
    savedUsd += cost.savedUsd;
    priced &&= cost.priced;
  }
  return { usd, savedUsd, priced };
}

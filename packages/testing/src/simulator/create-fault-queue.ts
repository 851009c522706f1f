import type { WireFormatApi } from '../formats/wire-formats.js';
import { matchesRequest } from './matches-request.js';
import type { SimulatorFault } from './simulator-fault.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

/** Armed faults, each with how many requests it still applies to. */
export interface FaultQueue {
  /** Arms a fault. */
  add(fault: SimulatorFault): void;
  /**
   * Returns the first armed fault for this request and counts one use of it. Model listings pass
   * no `request`: only faults with `api: 'models'` and no `match` apply to them.
   */
  take(
    api: WireFormatApi | 'models',
    request: SimulatorRequestInfo | undefined,
  ): SimulatorFault | undefined;
  /** Disarms every fault. */
  clear(): void;
}

/** Creates an empty {@link FaultQueue}. */
export function createFaultQueue(): FaultQueue {
  let entries: Array<{ fault: SimulatorFault; remaining: number }> = [];
  return {
    add(fault) {
      entries.push({ fault, remaining: fault.times ?? 1 });
    },
    take(api, request) {
      if (entries.length === 0) return undefined;
      const index = entries.findIndex(({ fault }) => {
        if (fault.api === undefined ? api === 'models' : fault.api !== api) return false;
        if (fault.match === undefined) return true;
        return request !== undefined && matchesRequest(fault.match, request);
      });
      const entry = entries[index];
      if (entry === undefined) return undefined;
      entry.remaining--;
      if (entry.remaining <= 0) entries.splice(index, 1);
      return entry.fault;
    },
    clear() {
      entries = [];
    },
  };
}

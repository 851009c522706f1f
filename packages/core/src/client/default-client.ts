import { KaguraError } from '@kagura-ts/provider';
import type { Client } from './create-client.js';

interface DefaultClientSlot {
  client?: Client;
  factory?: () => Client;
}

// Kept on globalThis so that duplicated installs of @kagura-ts/core share one default client.
const slotKey = Symbol.for('kagura.default-client');
const globalSlots = globalThis as Record<symbol, DefaultClientSlot | undefined>;
const slot: DefaultClientSlot = globalSlots[slotKey] ?? {};
globalSlots[slotKey] = slot;

/** Sets (or, with `undefined`, clears) the client used when a call or agent names none. */
export function setDefaultClient(client: Client | undefined): void {
  slot.client = client;
}

/**
 * Sets how the default client is created on first use. The `kagura` package registers one
 * that configures OpenAI and Anthropic from the environment.
 */
export function setDefaultClientFactory(factory: (() => Client) | undefined): void {
  slot.factory = factory;
}

/** The client used when a call or agent names none; created on first use. */
export function getDefaultClient(): Client {
  if (slot.client === undefined) {
    if (slot.factory === undefined) {
      throw new KaguraError({
        name: 'NoDefaultClientError',
        message:
          'No client was given and no default client is set. Pass { client }, call ' +
          "setDefaultClient(createClient({ providers })), or import from 'kagura-ts', which sets " +
          'up OpenAI and Anthropic from OPENAI_API_KEY / ANTHROPIC_API_KEY.',
      });
    }
    slot.client = slot.factory();
  }
  return slot.client;
}

import { setDefaultClientFactory } from '@kagura-ts/core';
import { createClient } from './create-client.js';

// Importing 'kagura-ts' gives `callLLM` and `@agent` a default client, created on first use
// from the environment, so that a script needs no setup beyond an API key.
setDefaultClientFactory(() => createClient());

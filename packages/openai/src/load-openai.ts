import { createSDKLoader } from '@kagura-ts/provider';

/** The `openai` module, as `import('openai')` gives it. */
export type OpenAIModule = typeof import('openai');

/**
 * The `openai` SDK, imported on the first request of an OpenAI provider rather than when this
 * package (or `kagura-ts`) is imported: loading it costs about as much as the rest of Kagura.
 *
 * @throws {LoadSDKError} when `openai` is not installed or fails to load.
 */
export const loadOpenAI: () => Promise<OpenAIModule> = createSDKLoader({
  packageName: 'openai',
  adapterName: '@kagura-ts/openai',
  importModule: () => import('openai'),
});

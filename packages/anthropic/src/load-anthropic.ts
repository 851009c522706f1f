import { createSDKLoader } from '@kagura-ts/provider';

/** The `@anthropic-ai/sdk` module, as `import('@anthropic-ai/sdk')` gives it. */
export type AnthropicModule = typeof import('@anthropic-ai/sdk');

/**
 * The `@anthropic-ai/sdk` SDK, imported on the first request of an Anthropic provider rather
 * than when this package (or `kagura-ts`) is imported: loading it costs about as much as the
 * rest of Kagura.
 *
 * @throws {LoadSDKError} when `@anthropic-ai/sdk` is not installed or fails to load.
 */
export const loadAnthropic: () => Promise<AnthropicModule> = createSDKLoader({
  packageName: '@anthropic-ai/sdk',
  adapterName: '@kagura-ts/anthropic',
  importModule: () => import('@anthropic-ai/sdk'),
});

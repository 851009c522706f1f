import { LoadSDKError } from '../errors/load-sdk-error.js';
import { shareUntilFailure } from './share-until-failure.js';

/** Options for {@link createSDKLoader}. */
export interface CreateSDKLoaderOptions<MODULE> {
  /** The SDK's package, named in the error, e.g. `'openai'`. */
  packageName: string;
  /** The adapter that needs it, e.g. `'@kagura-ts/openai'`. */
  adapterName: string;
  /** Imports the SDK, e.g. `() => import('openai')`: a literal import, so bundlers follow it. */
  importModule: () => Promise<MODULE>;
}

/**
 * Returns a function that imports a provider SDK on its first call and then hands out the same
 * module: the SDKs take hundreds of milliseconds to load, which a program would otherwise pay
 * on importing Kagura, whether or not it ever calls that provider. Concurrent first calls share
 * one import. A failed import is not kept, so a later call tries again.
 *
 * @example
 * ```ts
 * const loadOpenAI = createSDKLoader({
 *   packageName: 'openai',
 *   adapterName: '@kagura-ts/openai',
 *   importModule: () => import('openai'),
 * });
 * const { default: OpenAI } = await loadOpenAI();
 * ```
 * @throws {LoadSDKError} (from the returned function) when the SDK is not installed or fails
 * to load, naming the package to install.
 */
export function createSDKLoader<MODULE>({
  packageName,
  adapterName,
  importModule,
}: CreateSDKLoaderOptions<MODULE>): () => Promise<MODULE> {
  return shareUntilFailure(() =>
    importModule().catch((error: unknown) => {
      throw new LoadSDKError({ packageName, adapterName, cause: error });
    }),
  );
}

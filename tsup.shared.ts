import type { Options } from 'tsup';

/**
 * The build every package shares: ESM for Node 22, source maps, class and function names kept
 * (so errors print as KaguraError, not _KaguraError), and the package's own tsconfig.build.json.
 * Each package's tsup.config.ts adds its entry points (and core its converters' bundle).
 */
export const sharedBuild: Options = {
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  keepNames: true,
  clean: false,
  tsconfig: 'tsconfig.build.json',
};

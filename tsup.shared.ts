import type { Options } from 'tsup';

/**
 * The build every package shares: ESM for Node 22, source maps, and the package's own
 * tsconfig.build.json. Each package's tsup.config.ts adds its entry points (and core its
 * converters' bundle).
 *
 * Names are not kept (`keepNames`): it wraps every function made at run time in a `__name` call,
 * ~8% of a memory hit. The build emits a class that names itself inside its body as
 * `class _Name`, so a public class does not (see `KaguraError`, `Workflow`); the package test
 * checks the names of everything the entries export.
 */
export const sharedBuild: Options = {
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  keepNames: false,
  clean: false,
  tsconfig: 'tsconfig.build.json',
};

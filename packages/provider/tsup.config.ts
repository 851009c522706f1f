import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  // Class and function names survive bundling, so errors print as KaguraError, not _KaguraError.
  keepNames: true,
  clean: false,
  tsconfig: 'tsconfig.build.json',
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/vitest.ts'],
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  clean: false,
  tsconfig: 'tsconfig.build.json',
});

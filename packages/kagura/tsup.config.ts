import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing.ts', 'src/cli.ts'],
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  clean: false,
  tsconfig: 'tsconfig.build.json',
});

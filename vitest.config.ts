import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through this export condition, so
// tests need no build step. No 'module' condition: Node does not know it, and packages that
// offer it (@opentelemetry/api) point it at files Node cannot load as ES modules.
const conditions = ['@kagura-ts/source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@kagura-ts/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    testTimeout: 20_000,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: '.vitest-results.json' }]]
      : ['default'],
  },
});

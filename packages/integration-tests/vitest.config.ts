import { defineConfig } from 'vitest/config';
import workspace from '../../vitest.config.ts';

// Run from this package (`npx vitest run test/cache`), tests still resolve the workspace's
// packages to their TypeScript sources, as a run from the repository root does.
export default defineConfig({
  resolve: workspace.resolve,
  ssr: workspace.ssr,
  test: { testTimeout: workspace.test?.testTimeout },
});

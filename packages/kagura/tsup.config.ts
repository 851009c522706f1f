import { defineConfig } from 'tsup';
import { sharedBuild } from '../../tsup.shared.ts';

export default defineConfig({
  ...sharedBuild,
  entry: [
    'src/index.ts',
    'src/router.ts',
    'src/cache.ts',
    'src/telemetry.ts',
    'src/provider.ts',
    'src/testing.ts',
    'src/cli.ts',
  ],
});

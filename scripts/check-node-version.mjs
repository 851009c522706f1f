// Runs first in `pnpm install` and `pnpm test`: on an older Node, later steps fail with errors
// that do not name the cause (Vitest: "Map.groupBy is not a function"). Plain syntax on purpose,
// so it runs on any Node that can start.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const minimum = manifest.engines.node.replace(/^>=\s*/, '');
const [major, minor] = process.versions.node.split('.').map(Number);
const [wantMajor, wantMinor] = minimum.split('.').map(Number);
if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
  process.stderr.write(
    `Kagura TS needs Node >= ${minimum}, this is Node ${process.versions.node}. ` +
      'Install a newer Node (https://nodejs.org, or `npm install --prefix DIR node@24` and put ' +
      'DIR/node_modules/node/bin first on PATH), then run the command again.\n',
  );
  process.exit(1);
}

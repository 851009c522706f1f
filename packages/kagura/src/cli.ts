#!/usr/bin/env node
// This entry checks the Node.js version before anything else loads: on a Node.js too old for
// Kagura TS, loading the rest of the CLI could fail first, with an error that says nothing
// about the version. So it imports only node:fs and the check (which imports nothing), and
// loads the rest dynamically.
import { readFileSync } from 'node:fs';
import { checkNodeVersion } from './cli/check-node-version.js';

// src/cli.ts and dist/cli.js are both one level below the package root.
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  engines?: { node?: string };
};
const minimum = manifest.engines?.node?.replace(/^>=\s*/, '') ?? '22.13';
const problem = checkNodeVersion(process.versions.node, minimum);
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  // `kagura demo | head` closes stdout early: stop quietly then, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  try {
    const { runCli } = await import('./cli/run-cli.js');
    process.exitCode = await runCli({ argv: process.argv.slice(2), version: manifest.version });
  } catch (error) {
    process.stderr.write(`kagura: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

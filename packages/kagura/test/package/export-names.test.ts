// Every class and function the built entries export has its own name (the build does not keep
// names: a class naming itself inside its body would be emitted as `class _Name` and print so).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './pack-workspace.js';

const packages = [
  'provider',
  'core',
  'openai',
  'anthropic',
  'agent',
  'router',
  'testing',
  'kagura',
];

// The JavaScript files a package's `exports` name (its entries, not the CLI).
function entriesOf(name: string): string[] {
  const directory = join(workspaceRoot, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default?: string }>;
  };
  return Object.values(manifest.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target): target is string => target?.endsWith('.js') === true)
    .map((target) => join(directory, target));
}

describe('the names of exported classes and functions', () => {
  it.each(packages)('should be their export names in %s', async (name) => {
    const wrong: string[] = [];
    for (const entry of entriesOf(name)) {
      const exported = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(exported)) {
        if (typeof value === 'function' && value.name !== exportName) {
          wrong.push(`${exportName} is named ${JSON.stringify(value.name)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

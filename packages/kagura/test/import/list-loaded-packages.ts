import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Options for {@link listLoadedPackages}. */
export interface ListLoadedPackagesOptions {
  /**
   * Arguments for the child `node` before its program, e.g.
   * `['--conditions=@kagura-ts/source', '--import', 'tsx']` to import TypeScript sources.
   * @default []
   */
  nodeArguments?: string[];
  /**
   * The child's working directory, where `--import tsx` and bare specifiers resolve from.
   * @default process.cwd()
   */
  cwd?: string;
}

// The child: a load hook (in-thread, so it sees ESM, CommonJS and other hooks' modules alike)
// records every module, then the imports run. It prints the URLs for the parent.
const childProgram = `import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
for (const module of JSON.parse(process.env.KAGURA_IMPORTS)) await import(module);
process.stdout.write(JSON.stringify([...loaded]));`;

/**
 * The npm packages that a fresh `node` process loads to import `modules` (specifiers or file
 * URLs, one after the other), named as installed: `'openai'`, `'@anthropic-ai/sdk'`. A package
 * counts once any of its files is loaded. Workspace packages, linked out of `node_modules`, do
 * not appear; their dependencies do.
 *
 * @example
 * ```ts
 * const packages = await listLoadedPackages([pathToFileURL('packages/kagura/dist/index.js').href]);
 * packages.includes('openai'); // false: the SDK loads on the first request
 * ```
 */
export async function listLoadedPackages(
  modules: string[],
  { nodeArguments = [], cwd }: ListLoadedPackagesOptions = {},
): Promise<string[]> {
  const { NODE_OPTIONS: _, ...environment } = process.env;
  const { stdout } = await run(
    process.execPath,
    [...nodeArguments, '--input-type=module', '-e', childProgram],
    {
      cwd,
      env: { ...environment, KAGURA_IMPORTS: JSON.stringify(modules) },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const packages = new Set<string>();
  for (const url of JSON.parse(stdout) as string[]) {
    const name = packageOf(url);
    if (name !== undefined) packages.add(name);
  }
  return [...packages].sort();
}

// file:///x/node_modules/.pnpm/openai@7.57.0/node_modules/openai/index.mjs -> 'openai'
function packageOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = decodeURIComponent(new URL(url).pathname);
  const marker = '/node_modules/';
  const start = path.lastIndexOf(marker);
  if (start === -1) return undefined;
  const segments = path.slice(start + marker.length).split('/');
  const [first, second] = segments;
  if (first === undefined || first.startsWith('.')) return undefined;
  return first.startsWith('@') && second !== undefined ? `${first}/${second}` : first;
}

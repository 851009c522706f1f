import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOutsideProject, expectSuccess, type OutsideProject } from './outside-project.js';
import { packWorkspace, workspaceRoot } from './pack-workspace.js';

// The strongest check of what we publish: the packed tarballs installed with npm into a fresh
// project outside the workspace, whose tsconfig.json is `tsc --init`'s, then the README's
// example typechecked, run with tsx, compiled by tsc and run by node (in both decorator modes),
// and bundled by esbuild with --minify.

let project: OutsideProject;
let simulator: Simulator;
let environment: NodeJS.ProcessEnv;

const fixtures = join(import.meta.dirname, 'fixtures');
const readme = readFileSync(join(workspaceRoot, 'packages', 'kagura', 'README.md'), 'utf8');
// The README users see on npm; its one TypeScript block is a whole program.
const readmeProgram = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)[0]!;

const replies = [
  { match: 'Translate Good morning into French', reply: 'Bonjour' },
  { match: 'Eiffel Tower', reply: '{"city":"Paris","country":"France"}' },
  { match: 'brief on response caching', reply: 'Caching answers repeated calls.' },
];
const readmeOutput = 'Bonjour\nParis\nCaching answers repeated calls.';

beforeAll(async () => {
  const packed = await packWorkspace();
  project = await createOutsideProject(packed);
  project.write('readme.ts', readmeProgram);
  for (const fixture of [
    'mistakes.ts',
    'error-names.mjs',
    'bundled-agents.ts',
    'schema-libraries.ts',
    'traced.ts',
  ]) {
    project.write(fixture, readFileSync(join(fixtures, fixture), 'utf8'));
  }
  simulator = await startSimulator({ latency: 'none', rules: replies });
  // The SDKs' own variables, as a user sets them for a local server.
  environment = {
    OPENAI_API_KEY: 'sk-outside-user',
    OPENAI_BASE_URL: simulator.openaiBaseURL,
    ANTHROPIC_API_KEY: 'sk-ant-outside-user',
    ANTHROPIC_BASE_URL: simulator.anthropicBaseURL,
    KAGURA_MODEL: '',
  };
}, 300_000);

// Removing the project's node_modules takes a while on a busy machine.
afterAll(async () => {
  await simulator?.close();
  if (project !== undefined) rmSync(project.directory, { recursive: true, force: true });
}, 60_000);

beforeEach(() => {
  simulator.requests.length = 0;
});

// tsconfig variants: each extends the tsc --init one and checks one file.
const variants = {
  'tsc --init (nodenext, skipLibCheck)': {},
  'skipLibCheck off': { skipLibCheck: false },
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'preserve', moduleResolution: 'bundler' },
  'standard decorators': { experimentalDecorators: false },
} as const;
type Variant = keyof typeof variants;

async function typecheck(variant: Variant, file: string) {
  const config = `tsconfig.${file}.${Object.keys(variants).indexOf(variant)}.json`;
  project.write(
    config,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { ...variants[variant], noEmit: true },
      files: [file],
    }),
  );
  return project.run(join('node_modules', '.bin', 'tsc'), ['-p', config]);
}

interface Diagnostic {
  line: number;
  text: string;
}

// `file(line,col): error TSnnnn: message` followed by indented lines of detail.
function parseDiagnostics(output: string, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const start = new RegExp(`^${file.replace('.', '\\.')}\\((\\d+),\\d+\\): error (.*)$`).exec(
      line,
    );
    if (start !== null) diagnostics.push({ line: Number(start[1]), text: start[2]! });
    else if (line.startsWith(' ') && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1]!.text += `\n${line.trim()}`;
    } else if (line.trim() !== '') diagnostics.push({ line: 0, text: line });
  }
  return diagnostics;
}

// Each `// expect-error: text` comment names the next line and what its error says.
function expectedMistakes(): Array<{ line: number; text: string }> {
  const lines = readFileSync(join(fixtures, 'mistakes.ts'), 'utf8').split('\n');
  return lines.flatMap((line, index) => {
    const marker = /\/\/ expect-error: (.*)$/.exec(line);
    return marker === null ? [] : [{ line: index + 2, text: marker[1]!.trim() }];
  });
}

describe('an outside project', () => {
  it.each(Object.keys(variants) as Variant[])(
    'should typecheck the README example under %s',
    async (variant) => {
      const result = await typecheck(variant, 'readme.ts');
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.code).toBe(0);
    },
  );

  it.each(Object.keys(variants) as Variant[])(
    'should reject each deliberate mistake with its documented error under %s',
    async (variant) => {
      const result = await typecheck(variant, 'mistakes.ts');
      expect(result.code).not.toBe(0);
      const diagnostics = parseDiagnostics(`${result.stdout}${result.stderr}`, 'mistakes.ts');
      const expected = expectedMistakes();
      for (const mistake of expected) {
        const found = diagnostics.filter((diagnostic) => diagnostic.line === mistake.line);
        expect(
          found.some((diagnostic) => diagnostic.text.includes(mistake.text)),
          `line ${mistake.line} should fail with "${mistake.text}", got:\n${found.map((diagnostic) => diagnostic.text).join('\n') || '(no error)'}`,
        ).toBe(true);
      }
      const unexpected = diagnostics.filter(
        (diagnostic) => !expected.some((mistake) => mistake.line === diagnostic.line),
      );
      expect(unexpected).toEqual([]);
    },
  );

  it('should document every compile error the mistakes produce', () => {
    // Compared with line breaks and indentation folded, as the guide wraps its lines.
    const fold = (text: string) => text.replace(/\s+/g, ' ');
    const agentsGuide = fold(readFileSync(join(workspaceRoot, 'docs', 'agents.md'), 'utf8'));
    for (const mistake of expectedMistakes()) expect(agentsGuide).toContain(fold(mistake.text));
  });

  it("should report its spans to the application's own OpenTelemetry SDK", async () => {
    const result = await expectSuccess(
      project,
      join('node_modules', '.bin', 'tsx'),
      ['traced.ts'],
      'tsx traced.ts',
      environment,
    );
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'chat gpt-4o-mini', parent: 'invoke_agent greet', cache: 'miss' },
      { name: 'invoke_agent greet', parent: null, cache: null },
      { name: 'chat gpt-4o-mini', parent: 'invoke_agent greet', cache: 'hit' },
      { name: 'invoke_agent greet', parent: null, cache: null },
    ]);
  });

  it('should run the README example with tsx', async () => {
    const result = await expectSuccess(
      project,
      join('node_modules', '.bin', 'tsx'),
      ['readme.ts'],
      'tsx readme.ts',
      environment,
    );
    expect(result.stdout.trim()).toBe(readmeOutput);
    expectReadmeRequests();
  });

  it.each([
    ['experimentalDecorators', true],
    ['standard decorators', false],
  ])('should run the README example compiled by tsc (%s), then node', async (mode, legacy) => {
    const outDir = `out-${legacy ? 'legacy' : 'standard'}`;
    const config = `tsconfig.${outDir}.json`;
    project.write(
      config,
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: {
          experimentalDecorators: legacy,
          // With target esnext TypeScript leaves standard decorators in its output, and no
          // Node runs them yet: docs/getting-started.md says to target ES2022.
          ...(legacy ? {} : { target: 'es2022' }),
          outDir,
          declaration: false,
          declarationMap: false,
        },
        files: ['readme.ts'],
      }),
    );
    await expectSuccess(
      project,
      join('node_modules', '.bin', 'tsc'),
      ['-p', config],
      `tsc (${mode})`,
    );
    const result = await expectSuccess(
      project,
      process.execPath,
      [join(outDir, 'readme.js')],
      `node ${outDir}/readme.js`,
      environment,
    );
    expect(result.stdout.trim()).toBe(readmeOutput);
    expectReadmeRequests();
  });

  it('should run the README example bundled with esbuild --bundle --minify', async () => {
    // ESM, as the README program uses top-level await; no createRequire banner needed.
    expect(await bundleAndRun('readme.ts', ['--format=esm'])).toBe(readmeOutput);
    expectReadmeRequests();
  });

  it('should run Nunjucks agents in a minified bundle when they name their parameters, and explain when they do not', async () => {
    const [named, unnamed] = (await bundleAndRun('bundled-agents.ts', ['--format=esm'])).split(
      '\n',
    );
    expect(named).toBe('Bonjour');
    expect(unnamed).toContain('look renamed by a minifier');
    expect(unnamed).toContain("@agent({ parameters: ['text', 'lang'] })");
    expect(unnamed).toContain('--minify-whitespace --minify-syntax');
    // Only the agent that named its parameters reached the server.
    expect(simulator.requests).toHaveLength(1);
  });
});

async function bundleAndRun(entry: string, flags: string[]): Promise<string> {
  const outfile = `bundle/${entry.replace(/\.ts$/, '')}.mjs`;
  await expectSuccess(
    project,
    join('node_modules', '.bin', 'esbuild'),
    [
      entry,
      '--bundle',
      '--minify',
      '--platform=node',
      ...flags,
      `--outfile=${outfile}`,
      '--log-level=error',
    ],
    `esbuild ${entry} --bundle --minify`,
  );
  const result = await expectSuccess(
    project,
    process.execPath,
    [outfile],
    `node ${outfile}`,
    environment,
  );
  return result.stdout.trim();
}

describe('schema libraries in an outside project', () => {
  const expected = JSON.stringify([
    { city: 'Paris', country: 'France' },
    { city: 'Paris', country: 'France' },
  ]);

  it('should typecheck zod 3 and valibot agents', async () => {
    const result = await typecheck('tsc --init (nodenext, skipLibCheck)', 'schema-libraries.ts');
    expect(`${result.stdout}${result.stderr}`).toBe('');
  });

  it('should ask for and validate zod 3 and valibot schemas, with tsx and from a minified bundle', async () => {
    const tsx = await expectSuccess(
      project,
      join('node_modules', '.bin', 'tsx'),
      ['schema-libraries.ts'],
      'tsx schema-libraries.ts',
      environment,
    );
    expect(tsx.stdout.trim()).toBe(expected);
    expect(await bundleAndRun('schema-libraries.ts', ['--format=esm'])).toBe(expected);
    // Each request carried the JSON Schema Kagura made from the validator.
    expect(simulator.requests).toHaveLength(4);
    for (const request of simulator.requests) {
      expect(JSON.stringify(request.body)).toContain('"required":["city","country"]');
    }
  });
});

describe('the kagura CLI, installed', () => {
  // No key and no base URL: the demo must say it uses its bundled simulator, and work.
  const withoutProvider = {
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    ANTHROPIC_API_KEY: '',
    ANTHROPIC_BASE_URL: '',
    KAGURA_MODEL: '',
  };

  it('should print its version and help', async () => {
    const kagura = join('node_modules', '.bin', 'kagura');
    const version = await expectSuccess(project, kagura, ['--version'], 'kagura --version');
    expect(version.stdout.trim()).toBe('0.1.0');
    const help = await expectSuccess(project, kagura, ['sim', '--help'], 'kagura sim --help');
    expect(help.stdout).toContain('Usage: kagura sim');
    const unknown = await project.run(kagura, ['sim', '--prot', '1']);
    expect(unknown.code).toBe(2);
  });

  it('should run the demo against the bundled simulator, and say so', async () => {
    const demo = await expectSuccess(
      project,
      join('node_modules', '.bin', 'kagura'),
      ['demo'],
      'kagura demo',
      withoutProvider,
    );
    expect(demo.stdout).toContain('Using the bundled LLM simulator at http://127.0.0.1:');
    expect(demo.stdout).toContain('Augusta Ada King');
  });
});

describe('errors in an outside project', () => {
  it('should print under their own class names, from the built package', async () => {
    const result = await expectSuccess(
      project,
      process.execPath,
      ['error-names.mjs'],
      'node error-names.mjs',
      environment,
    );
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      name: 'InvalidArgumentError',
      constructor: 'InvalidArgumentError',
      root: 'KaguraError',
      isKaguraError: true,
    });
    expect(printed.inspected).toMatch(/^InvalidArgumentError: /);
    expect(simulator.requests).toHaveLength(0);
  });
});

// What the simulator saw: one request per agent, each to its provider, with the rendered prompt.
function expectReadmeRequests(): void {
  const seen = simulator.requests.map((request) => ({
    api: request.api,
    model: (request.body as { model?: string }).model,
    text: JSON.stringify((request.body as { messages?: unknown }).messages),
  }));
  expect(seen).toHaveLength(3);
  expect(seen[0]).toMatchObject({ api: 'openai', model: 'gpt-4o-mini' });
  expect(seen[0]!.text).toContain('Translate Good morning into French');
  expect(seen[1]).toMatchObject({ api: 'anthropic', model: 'claude-haiku-4-5' });
  expect(seen[2]).toMatchObject({ api: 'openai' });
  expect(seen[2]!.text).toContain('Write a short brief on response caching.');
}

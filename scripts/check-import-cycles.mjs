// Fails when the workspace's packages, or the folders of one package's src/ (each file at its top
// counting as a folder of its own), import each other in a circle. Reads import and export specifiers as text (relative ones name folders, workspace
// names name packages), type-only imports included: a cycle of types is still a cycle to read.
// Written out rather than taken from a dependency checker: the rule is folder-level, the graph is
// our own imports, and this is a few dozen lines with nothing to configure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The workspace to check: the argument, or this repository.
const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const packagesDirectory = join(root, 'packages');
// A statement that starts a line, up to its `from '...'` (no `;` in between), or an `import('...')`.
const specifierPattern =
  /^(?:import|export)\b[^;()]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourceFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

function specifiers(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(specifierPattern)].map((match) => match[1] ?? match[2]);
}

/** The strongly connected components of more than one node (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (node) => {
    state.set(node, { index, low: index, onStack: true });
    index += 1;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!state.has(next)) {
        visit(next);
        state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
      } else if (state.get(next).onStack) {
        state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
      }
    }
    if (state.get(node).low === state.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        state.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

// An edge and one file that makes it, to name in the report.
function addEdge(graph, witnesses, from, to, file) {
  if (from === to) return;
  if (!graph.has(from)) graph.set(from, new Set());
  graph.get(from).add(to);
  const key = `${from} -> ${to}`;
  if (!witnesses.has(key)) witnesses.set(key, relative(root, file));
}

const packageGraph = new Map();
const packageWitnesses = new Map();
const problems = [];
for (const folder of readdirSync(packagesDirectory)) {
  const packageDirectory = join(packagesDirectory, folder);
  const manifestPath = join(packageDirectory, 'package.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    continue;
  }
  const source = join(packageDirectory, 'src');
  let files;
  try {
    files = sourceFiles(source);
  } catch {
    continue;
  }
  packageGraph.set(manifest.name, packageGraph.get(manifest.name) ?? new Set());
  const folderGraph = new Map();
  const folderWitnesses = new Map();
  // A subfolder is one node; a file at the top of src/ (an entry point) is a node of its own.
  const folderOf = (file) => relative(source, dirname(file)) || relative(source, file);
  for (const file of files) {
    folderGraph.set(folderOf(file), folderGraph.get(folderOf(file)) ?? new Set());
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
        if (!target.startsWith(source)) continue;
        addEdge(folderGraph, folderWitnesses, folderOf(file), folderOf(target), file);
      } else if (specifier.startsWith('@kagura-ts/') || specifier === 'kagura-ts') {
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        addEdge(packageGraph, packageWitnesses, manifest.name, name, file);
      }
    }
  }
  for (const component of cycles(folderGraph)) {
    problems.push(describe(`${manifest.name}: folders`, component, folderGraph, folderWitnesses));
  }
}
for (const component of cycles(packageGraph)) {
  problems.push(describe('packages', component, packageGraph, packageWitnesses));
}

function describe(what, component, graph, witnesses) {
  const members = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? [])]
      .filter((to) => members.has(to))
      .map((to) => `    ${from} -> ${to}  (${witnesses.get(`${from} -> ${to}`)})`),
  );
  return `${what} import each other in a cycle: ${component.join(', ')}\n${edges.join('\n')}`;
}

if (problems.length > 0) {
  console.error(
    `Import cycles (each folder and package must import in one direction):\n\n${problems.join('\n\n')}`,
  );
  process.exit(1);
}
console.log('No import cycles between packages or between the folders of a package.');

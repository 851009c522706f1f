import { nunjucksEngine as nunjucks } from './nunjucks-engine.js';

interface TemplateNode {
  typename: string;
  fields?: string[];
  children?: TemplateNode[];
  value?: unknown;
  [field: string]: unknown;
}

/**
 * The variables a Nunjucks template reads from its context: every name it uses, less the
 * names it binds itself (`for`, `set`, macros, imports) and the environment's globals.
 */
export function findTemplateVariables(ast: unknown, globals: ReadonlySet<string>): string[] {
  const used = new Set<string>();
  const bound = new Set<string>(['loop', 'caller']);
  walk(ast as TemplateNode, used, bound);
  return [...used].filter((name) => !bound.has(name) && !globals.has(name));
}

function walk(node: TemplateNode | undefined, used: Set<string>, bound: Set<string>): void {
  if (node === undefined || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, used, bound);
    return;
  }
  switch (node.typename) {
    case 'Symbol':
      used.add(String(node.value));
      return;
    case 'For':
    case 'AsyncEach':
    case 'AsyncAll':
      bindNames(node.name as TemplateNode, bound);
      walkFields(node, ['arr', 'body', 'else_'], used, bound);
      return;
    case 'Set':
      bindNames(node.targets as TemplateNode, bound);
      walkFields(node, ['value', 'body'], used, bound);
      return;
    case 'Macro':
    case 'Caller':
      bindNames(node.name as TemplateNode, bound);
      bindNames(node.args as TemplateNode, bound);
      walkFields(node, ['body'], used, bound);
      return;
    case 'Import':
      bindNames(node.target as TemplateNode, bound);
      return;
    case 'FromImport':
      bindNames(node.names as TemplateNode, bound);
      return;
    case 'Filter':
    case 'FilterAsync':
      // A filter's name is not a variable.
      walk(node.args as TemplateNode, used, bound);
      return;
    case 'Pair':
      // Dict keys and keyword-argument names are not variables.
      if ((node.key as TemplateNode | undefined)?.typename !== 'Symbol')
        walk(node.key as TemplateNode, used, bound);
      walk(node.value as TemplateNode, used, bound);
      return;
    default:
      walkFields(node, node.fields ?? [], used, bound);
  }
}

function walkFields(
  node: TemplateNode,
  fields: string[],
  used: Set<string>,
  bound: Set<string>,
): void {
  for (const field of fields) walk(node[field] as TemplateNode, used, bound);
}

function bindNames(node: TemplateNode | undefined, bound: Set<string>): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const child of node) bindNames(child, bound);
    return;
  }
  if (node.typename === 'Symbol') bound.add(String(node.value));
  else if (node.typename === 'Pair') bindNames((node.value ?? node.key) as TemplateNode, bound);
  else if (node.typename === 'KeywordArgs' || node.typename === 'Dict') {
    for (const pair of node.children ?? []) bindNames(pair.key as TemplateNode, bound);
  } else for (const child of node.children ?? []) bindNames(child, bound);
}

/** Parses a template's source into the Nunjucks AST. */
export function parseTemplate(source: string): unknown {
  return (nunjucks as unknown as { parser: { parse(source: string): unknown } }).parser.parse(
    source,
  );
}

/** One parameter of a parameter list, as written. */
export interface ParsedParameter {
  /** The parameter's source, default included: `lang = 'French'`, `{ title, body }`, `...tags`. */
  source: string;
  /** The name it binds when it is a plain identifier (rest or not); undefined for a pattern. */
  name: string | undefined;
  /** Whether it is a rest parameter (`...tags`). */
  rest: boolean;
}

/** A function's parameter list, read from its source. */
export interface ParsedParameters {
  /** The parameter list as written (types already stripped by the compiler). */
  source: string;
  /** Every name the parameters bind, destructured names included. */
  names: string[];
  /** The parameters in order, one entry per position. */
  parameters: ParsedParameter[];
}

const openers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Reads the parameter names of a function or method from its source, handling defaults,
 * rest parameters, destructuring, strings, template literals and comments. This is how
 * arguments become template variables by name, like Python's `inspect.signature`.
 */
export function parseParameters(fn: (...args: never[]) => unknown): ParsedParameters {
  const text = Function.prototype.toString.call(fn);
  const open = findParameterListStart(text);
  if (open === -1) {
    // An arrow function with one bare parameter: `x => ...`.
    const bare = /^\s*(?:async\s+)?([\w$]+)\s*=>/.exec(text)?.[1];
    if (bare === undefined) return { source: '', names: [], parameters: [] };
    return { source: bare, names: [bare], parameters: [{ source: bare, name: bare, rest: false }] };
  }
  const close = findClosing(text, open);
  const source = text.slice(open + 1, close);
  const parts = splitTopLevel(source);
  return {
    source,
    names: parts.flatMap(namesOfParameter),
    parameters: parts.map(describeParameter),
  };
}

function describeParameter(parameter: string): ParsedParameter {
  const rest = parameter.startsWith('...');
  const target = withoutDefault(parameter.replace(/^\.\.\./, '').trim());
  return { source: parameter, name: /^[\w$]+$/.test(target) ? target : undefined, rest };
}

function findParameterListStart(text: string): number {
  // Skip a computed method name like `[Symbol.iterator]`.
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '[') index = findClosing(text, index) + 1;
    else if (char === '(') return index;
    else if (char === '=' && text[index + 1] === '>') return -1;
    else index += 1;
  }
  return -1;
}

function findClosing(text: string, open: number): number {
  const stack = [openers[text[open]!]!];
  let index = open + 1;
  while (index < text.length && stack.length > 0) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === '`') index = skipString(text, index);
    else if (char === '/' && text[index + 1] === '/')
      index = text.indexOf('\n', index) + 1 || text.length;
    else if (char === '/' && text[index + 1] === '*') index = text.indexOf('*/', index + 2) + 2;
    else {
      if (char in openers) stack.push(openers[char]!);
      else if (char === stack[stack.length - 1]) stack.pop();
      index += 1;
    }
  }
  return index - 1;
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  let index = start + 1;
  while (index < text.length && text[index] !== quote) {
    if (text[index] === '\\') index += 1;
    else if (quote === '`' && text[index] === '$' && text[index + 1] === '{') {
      index = findClosing(text, index + 1);
    }
    index += 1;
  }
  return index + 1;
}

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = skipString(source, index);
      continue;
    }
    if (char in openers) depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(source.slice(start, index));
      start = index + 1;
    }
    index += 1;
  }
  parts.push(source.slice(start));
  return parts.map((part) => stripComments(part).trim()).filter((part) => part !== '');
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

function namesOfParameter(parameter: string): string[] {
  const target = withoutDefault(parameter.replace(/^\.\.\./, '').trim());
  if (target.startsWith('{') || target.startsWith('[')) {
    const inner = target.slice(1, findClosing(target, 0));
    return splitTopLevel(inner).flatMap((element) => {
      const withoutRest = element.replace(/^\.\.\./, '').trim();
      // In `{ key: alias }` the alias is the bound name.
      const colon = topLevelColon(withoutRest);
      return namesOfParameter(colon === -1 ? withoutRest : withoutRest.slice(colon + 1));
    });
  }
  return /^[\w$]+$/.test(target) ? [target] : [];
}

function withoutDefault(parameter: string): string {
  const parts = splitOn(parameter, '=');
  return (parts[0] ?? '').trim();
}

function topLevelColon(element: string): number {
  if (element.startsWith('{') || element.startsWith('[')) return -1;
  const index = element.indexOf(':');
  const equals = element.indexOf('=');
  return equals !== -1 && equals < index ? -1 : index;
}

function splitOn(text: string, separator: string): string[] {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char in openers) depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (
      char === separator &&
      depth === 0 &&
      text[index + 1] !== '>' &&
      text[index + 1] !== '='
    ) {
      return [text.slice(0, index), text.slice(index + 1)];
    }
  }
  return [text];
}

import { nunjucksEngine as nunjucks } from './nunjucks-engine.js';

/**
 * Member names a template may never read, own or inherited: they lead from any value to
 * `Function` (`constructor`), to `Object.prototype` (`__proto__`, `__lookupGetter__`) or let a
 * template define accessors on shared prototypes (`__defineGetter__`, `__defineSetter__`).
 */
export const blockedTemplateNames: ReadonlySet<string> = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

interface TemplateFrame {
  lookup(name: string): unknown;
}

interface TemplateContext {
  getVariables(): Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

interface TemplateRuntime {
  suppressValue(value: unknown, autoescape: boolean): unknown;
  memberLookup(object: unknown, key: unknown, ...rest: unknown[]): unknown;
  contextOrFrameLookup(context: TemplateContext, frame: TemplateFrame, name: string): unknown;
}

let depth = 0;
let installed = false;

/**
 * Runs `render` (a synchronous Nunjucks render) with the engine's lookups guarded: reading a
 * {@link blockedTemplateNames} member throws, and a bare variable name resolves only to a
 * name the template bound itself, an own property of the context, or an own global.
 */
export function runGuarded<T>(render: () => T): T {
  install();
  depth += 1;
  try {
    return render();
  } finally {
    depth -= 1;
  }
}

// Nunjucks has no hook for member access: compiled templates call `runtime.memberLookup(obj,
// key)` and `runtime.contextOrFrameLookup(context, frame, name)` on the runtime object the
// bundle exports (nunjucks' own `installJinjaCompat` replaces them the same way). The bundle
// Kagura imports is its own module instance, separate from `require('nunjucks')`, and the
// guards apply only while `runGuarded` is rendering, so other users of the engine see its
// ordinary behaviour.
function install(): void {
  if (installed) return;
  installed = true;
  const runtime = (nunjucks as unknown as { runtime: TemplateRuntime }).runtime;
  const memberLookup = runtime.memberLookup;
  const suppressValue = runtime.suppressValue;
  // Every `{{ ... }}` output (and every `${...}` value) passes here on its way into the prompt.
  runtime.suppressValue = function guardedSuppressValue(value, autoescape) {
    return suppressValue.call(this, depth > 0 ? printable(value) : value, autoescape);
  };
  const contextOrFrameLookup = runtime.contextOrFrameLookup;
  runtime.memberLookup = function guardedMemberLookup(object, key, ...rest) {
    // `x[["constructor"]]` converts its key to a string, so the check must too.
    if (depth > 0 && typeof key !== 'symbol' && blockedTemplateNames.has(String(key))) {
      throw new Error(
        `'${String(key)}' cannot be read in a template: prototype members are blocked. ` +
          'Pass the value itself as a variable.',
      );
    }
    return memberLookup.call(this, object, key, ...rest);
  };
  runtime.contextOrFrameLookup = function guardedContextOrFrameLookup(context, frame, name) {
    if (depth === 0) return contextOrFrameLookup.call(this, context, frame, name);
    const bound = frame.lookup(name);
    if (bound !== undefined) return bound;
    // The engine copies the context into a plain object, so `in` would find
    // `Object.prototype` members such as `constructor`.
    const variables = context.getVariables();
    if (Object.hasOwn(variables, name)) return variables[name];
    const globals = context.env.globals;
    return Object.hasOwn(globals, name) ? globals[name] : undefined;
  };
}

/**
 * What a value inserted into a prompt becomes: a function is refused (its source code would be
 * sent), and so is an array holding one; a plain object, or an array holding objects or arrays,
 * is written as JSON instead of `[object Object]` (a circular one is refused); anything else is
 * left to the engine (strings, numbers, arrays of those, dates, ...).
 */
function printable(value: unknown): unknown {
  if (typeof value === 'function') throw insertedFunction();
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // The engine joins an array with commas, writing each element with String(): the source of
    // a function, `[object Object]` for an object, nothing for a circular reference.
    let flat = true;
    for (const element of value) {
      if (typeof element === 'function') throw insertedFunction();
      if (typeof element === 'object' && element !== null) flat = false;
    }
    return flat ? value : toJson(value);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== null && prototype !== Object.prototype) return value;
  return toJson(value);
}

function insertedFunction(): Error {
  return new Error(
    'a function cannot be inserted into a prompt (its source code would be sent): pass the ' +
      'value it returns instead.',
  );
}

function toJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new Error(
      `a value that cannot be written as JSON cannot be inserted into a prompt ` +
        `(${(error as Error).message}): pass the fields the prompt needs.`,
    );
  }
}

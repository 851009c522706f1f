// biome-ignore lint/suspicious/noExplicitAny: a decorated method may take and return anything.
type AnyMethod = (...args: any[]) => any;

/** A method decorator's call, read from either decorator form. */
export interface MethodDecoratorCall {
  /** The decorated method as written. */
  method: AnyMethod;
  /** Its property key (`#name` for a private method). */
  key: string | symbol;
  /** Whether it is a static method. */
  isStatic: boolean;
  /** Whether it is a private `#method` (standard form only). */
  isPrivate: boolean;
  /**
   * Names the method, `Class.method`. The legacy form knows the class when decorating; the
   * standard form only at call time, from the instance (or class) the method runs on.
   */
  label(self?: unknown): string;
  /**
   * Ends the decoration: puts `replacement` in place of the method (if given) and returns what
   * the decorator itself must return in this form.
   */
  finish(replacement?: AnyMethod): unknown;
}

interface StandardContext {
  kind: string;
  name: string | symbol | undefined;
  static?: boolean;
  private?: boolean;
}

/**
 * Reads the arguments a method decorator was called with, in either form: TC39 standard
 * decorators (TypeScript 5+ without `experimentalDecorators`, esbuild, tsx) call it with
 * `(method, context)`; legacy ones (`experimentalDecorators: true`, Vitest) with
 * `(prototype, key, descriptor)`. Anything but a method throws a `TypeError` naming the
 * decorator and the member.
 */
export function readMethodDecoratorCall(
  decorator: string,
  args: readonly unknown[],
): MethodDecoratorCall {
  const [first, second, third] = args;
  if (args.length === 2 && isStandardContext(second)) {
    const context = second;
    if (context.kind !== 'method' || typeof first !== 'function') {
      throw notAMethod(decorator, context.kind, String(context.name ?? '(anonymous)'));
    }
    return standardCall(first as AnyMethod, context);
  }
  if (args.length === 3 && isPropertyKey(second) && typeof first === 'object' && first !== null) {
    return legacyCall(decorator, first, second, third);
  }
  if (args.length === 3 && isPropertyKey(second) && typeof first === 'function') {
    return legacyCall(decorator, first, second, third);
  }
  if (args.length === 1 && typeof first === 'function') {
    throw notAMethod(decorator, 'class', first.name || '(anonymous)');
  }
  if (args.length === 2 && isPropertyKey(second)) {
    throw notAMethod(decorator, 'field', `${ownerName(first)}.${String(second)}`);
  }
  throw new TypeError(
    `${decorator}(...) returned a method decorator, but it was called with ${args.length} ` +
      'arguments that are neither (method, context) nor (prototype, key, descriptor). Write ' +
      `${decorator}(...) on the line above a class method.`,
  );
}

function standardCall(method: AnyMethod, context: StandardContext): MethodDecoratorCall {
  const key = context.name as string | symbol;
  let replacement: AnyMethod | undefined;
  let owner: string | undefined;
  return {
    method,
    key,
    isStatic: context.static === true,
    isPrivate: context.private === true,
    label(self) {
      owner ??= self === undefined ? undefined : findOwner(self, key, replacement ?? method);
      return owner === undefined ? String(key) : `${owner}.${String(key)}`;
    },
    finish(value) {
      replacement = value;
      return value;
    },
  };
}

function legacyCall(
  decorator: string,
  target: object,
  key: string | symbol,
  descriptor: unknown,
): MethodDecoratorCall {
  const label = `${ownerName(target)}.${String(key)}`;
  if (typeof descriptor === 'number') throw notAMethod(decorator, 'parameter', label);
  if (typeof descriptor !== 'object' || descriptor === null) {
    throw notAMethod(decorator, 'field', label);
  }
  const { value, get, set } = descriptor as PropertyDescriptor;
  if (get !== undefined || set !== undefined) {
    throw notAMethod(decorator, get !== undefined ? 'getter' : 'setter', label);
  }
  if (typeof value !== 'function') throw notAMethod(decorator, 'field', label);
  return {
    method: value as AnyMethod,
    key,
    isStatic: typeof target === 'function',
    isPrivate: false,
    label: () => label,
    finish(replacement) {
      if (replacement !== undefined) (descriptor as PropertyDescriptor).value = replacement;
      return undefined;
    },
  };
}

function notAMethod(decorator: string, kind: string, member: string): TypeError {
  const article = kind === 'accessor' ? 'an' : 'a';
  return new TypeError(
    `${decorator} can only decorate a method, but ${member} is ${article} ${kind}. ` +
      `Move ${decorator} to a method of the class (a function declared in the class body, ` +
      'like `translate(text: string) { ... }`), not a field, getter, setter, accessor or class.',
  );
}

function isStandardContext(value: unknown): value is StandardContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

function isPropertyKey(value: unknown): value is string | symbol {
  return typeof value === 'string' || typeof value === 'symbol';
}

function ownerName(target: unknown): string {
  if (typeof target === 'function') return target.name || '(anonymous class)';
  const owner = (target as { constructor?: { name?: string } } | undefined)?.constructor;
  return owner?.name || 'Object';
}

// The class whose prototype (or, for a static method, the class itself) holds the method.
function findOwner(self: unknown, key: string | symbol, method: AnyMethod): string {
  let current: unknown = self;
  while ((typeof current === 'object' && current !== null) || typeof current === 'function') {
    if (Object.getOwnPropertyDescriptor(current, key)?.value === method) return ownerName(current);
    current = Object.getPrototypeOf(current);
  }
  // A private method is not a property: name the instance's class.
  return ownerName(self);
}

import { InvalidArgumentError } from '@kagura-ts/core';
import { type ParsedParameters, parseParameters } from './parse-parameters.js';
import { TemplateError } from './template-error.js';

/** Maps a call's arguments to the template variables they bind, defaults applied. */
export type ArgumentBinder = (self: unknown, args: readonly unknown[]) => Record<string, unknown>;

/** Options of {@link createArgumentBinder}. */
export interface ArgumentBinderOptions {
  /** The method whose own parameter list binds the arguments. */
  method: (...args: never[]) => unknown;
  /**
   * Names the method in error messages (`Assistant.translate`), given the instance when there
   * is one: in the standard decorator form the class is only known at call time.
   */
  label: (self?: unknown) => string;
  /**
   * Template variable names, one per parameter in order (the `parameters` option of
   * `@agent`). Argument i binds name i. @default the names read from the method's source
   */
  variables?: readonly string[];
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Builds a binder for a method: a function with the method's own parameter list that returns
 * its parameters by name. Running the real parameter list applies defaults (which may use
 * `this` and earlier parameters), rest parameters and destructuring exactly as JavaScript does.
 * With `variables`, each parameter is then renamed by position: a plain parameter gives its
 * value (default applied), a destructured one the argument as passed.
 */
export function createArgumentBinder({
  method,
  label,
  variables,
}: ArgumentBinderOptions): ArgumentBinder {
  const parsed = parseParameters(method);
  if (variables !== undefined) checkVariables(variables, parsed, label);
  const byName = bindByName(parsed, label);
  if (variables === undefined) return byName;
  return (self, args) => {
    const bound = byName(self, args);
    const entries = variables.map((variable, index) => {
      const parameter = parsed.parameters[index]!;
      if (parameter.name !== undefined) return [variable, bound[parameter.name]];
      return [variable, parameter.rest ? args.slice(index) : args[index]];
    });
    return Object.fromEntries(entries);
  };
}

function bindByName(parsed: ParsedParameters, label: (self?: unknown) => string): ArgumentBinder {
  const { source, names } = parsed;
  if (names.length === 0) return () => ({});
  let binder: (...args: unknown[]) => Record<string, unknown>;
  try {
    // The parameter list comes from the method's own compiled source, not from user input.
    binder = new Function(`return function (${source}) { return { ${names.join(', ')} }; };`)();
  } catch (error) {
    throw new TemplateError({
      template: '',
      message: `Cannot read the parameters of ${label()} (${source}): ${(error as Error).message}`,
      cause: error,
    });
  }
  return (self, args) => {
    try {
      return binder.apply(self, args as unknown[]);
    } catch (error) {
      throw new TemplateError({
        template: '',
        message:
          `Cannot bind the arguments of ${label(self)}(${source}): ${(error as Error).message}. ` +
          'A default value may only use literals, `this` and earlier parameters; pass the ' +
          `value explicitly or interpolate it with \${value} in the prompt.`,
        cause: error,
      });
    }
  };
}

function checkVariables(
  variables: readonly string[],
  parsed: ParsedParameters,
  label: (self?: unknown) => string,
): void {
  const fail = (message: string) => {
    throw new InvalidArgumentError({
      argument: `parameters of @agent ${label()}`,
      value: variables,
      message,
    });
  };
  const count = parsed.parameters.length;
  if (variables.length !== count) {
    fail(
      `it names ${variables.length} ${variables.length === 1 ? 'parameter' : 'parameters'} ` +
        `(${variables.join(', ')}), but the method has ${count}: (${parsed.source}). ` +
        'Give exactly one name per parameter, in the order the method declares them.',
    );
  }
  const seen = new Set<string>();
  for (const variable of variables) {
    if (typeof variable !== 'string' || !variableName.test(variable)) {
      fail(
        `${JSON.stringify(variable)} is not a template variable name. Use letters, digits and ` +
          'underscores, not starting with a digit.',
      );
    }
    if (variable === 'self') {
      fail("'self' is the instance in templates. Name the parameter something else.");
    }
    if (seen.has(variable)) fail(`'${variable}' is named twice. Give each parameter its own name.`);
    seen.add(variable);
  }
}

import { parseParameters } from './parse-parameters.js';
import { TemplateError } from './template-error.js';

/** Maps a call's arguments to the parameter names they bind, defaults applied. */
export type ArgumentBinder = (self: unknown, args: readonly unknown[]) => Record<string, unknown>;

/**
 * Builds a binder for a method: a function with the method's own parameter list that returns
 * its parameters by name. Running the real parameter list applies defaults (which may use
 * `this` and earlier parameters), rest parameters and destructuring exactly as JavaScript does.
 */
export function createArgumentBinder(
  method: (...args: never[]) => unknown,
  label: string,
): ArgumentBinder {
  const { source, names } = parseParameters(method);
  if (names.length === 0) return () => ({});
  let binder: (...args: unknown[]) => Record<string, unknown>;
  try {
    // The parameter list comes from the method's own compiled source, not from user input.
    binder = new Function(`return function (${source}) { return { ${names.join(', ')} }; };`)();
  } catch (error) {
    throw new TemplateError({
      template: '',
      message: `Cannot read the parameters of ${label} (${source}): ${(error as Error).message}`,
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
          `Cannot bind the arguments of ${label}(${source}): ${(error as Error).message}. ` +
          'A default value may only use literals, `this` and earlier parameters; pass the ' +
          `value explicitly or interpolate it with \${value} in the prompt.`,
        cause: error,
      });
    }
  };
}

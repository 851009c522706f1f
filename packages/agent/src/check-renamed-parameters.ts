import type { ParsedParameters } from './parse-parameters.js';
import type { PromptTemplate } from './prompt.js';
import { listTemplateVariables } from './render-template.js';
import { TemplateError } from './template-error.js';

/** Options of {@link checkRenamedParameters}. */
export interface RenamedParametersCheck {
  /** The prompt the method returned. */
  template: PromptTemplate;
  /** The agent's system template, which reads the same variables. */
  system: string | undefined;
  /** The variables the arguments bound, `self` included. */
  variables: Readonly<Record<string, unknown>>;
  /** The method's parameter list, as read from its source. */
  parameters: ParsedParameters;
  /** The method's whole source (`Function.prototype.toString`). */
  source: string;
  /** Names the method, `Class.method`. */
  label: string;
}

/**
 * Throws a {@link TemplateError} that explains a minified build when the templates read
 * variables that were not given and the method's parameter names look renamed: the templates
 * use none of them, and either they are all one or two characters long, or the method's
 * source is on one line and as many names are missing as it has parameters. Otherwise it
 * does nothing, and rendering reports an ordinary missing variable.
 */
export function checkRenamedParameters({
  template,
  system,
  variables,
  parameters,
  source,
  label,
}: RenamedParametersCheck): void {
  const { names } = parameters;
  if (names.length === 0) return;
  const used = [template.source, ...(system === undefined ? [] : [system])].flatMap(
    listTemplateVariables,
  );
  const given = { ...template.values, ...variables };
  const missing = [...new Set(used.filter((name) => !(name in given)))];
  if (missing.length === 0 || used.some((name) => names.includes(name))) return;
  const short = names.every((name) => name.length <= 2);
  // A one-line method is what a minifier leaves; a typo in a one-parameter method is not.
  const counted = missing.length === parameters.parameters.length && !source.includes('\n');
  if (!short && !counted) return;
  const quoted = missing.map((name) => `'${name}'`).join(', ');
  const destructured = parameters.parameters.some((parameter) => parameter.name === undefined)
    ? ' A destructured parameter gets one name for the whole argument: read its fields as ' +
      '{{ name.field }} in the template.'
    : '';
  throw new TemplateError({
    template: template.source,
    missing,
    message:
      `The parameters of ${label} look renamed by a minifier: the prompt template uses ` +
      `${quoted}, which ${missing.length === 1 ? 'was' : 'were'} not given, and the method's ` +
      `parameter list is now (${parameters.source}). Its original names are not in the ` +
      'built code, so they cannot be read from it. Either name the template variables in the ' +
      `decorator, one per parameter in the order the method declares them: ` +
      `@agent({ parameters: [${quoted}] }) (the method has ${parameters.parameters.length}).` +
      `${destructured} Or build without renaming identifiers: esbuild ` +
      '--minify-whitespace --minify-syntax instead of --minify, terser mangle: false.',
  });
}

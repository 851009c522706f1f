import { findTemplateVariables, parseTemplate } from './find-template-variables.js';
import { blockedTemplateNames, runGuarded } from './guard-template-runtime.js';
import { nunjucksEngine as nunjucks } from './nunjucks-engine.js';
import { TemplateError } from './template-error.js';

interface CompiledTemplate {
  template: ReturnType<typeof nunjucks.compile>;
  variables: string[];
}

// Prompts are not HTML: no escaping. Block tags do not leave blank lines behind.
const environment = new nunjucks.Environment(null, {
  autoescape: false,
  trimBlocks: true,
  lstripBlocks: true,
});
const globals = new Set(['range', 'cycler', 'joiner']);
const compiled = new Map<string, CompiledTemplate>();
const maxCachedTemplates = 1000;

/**
 * Renders a Nunjucks prompt template. Every variable the template reads must be an own key of
 * `context` (its value may be `undefined`, for optional parameters); otherwise a
 * {@link TemplateError} names the missing ones. Templates are compiled once and cached.
 *
 * `source` is compiled, so it must be the author's code; values in `context` are inserted as
 * text. Prototype members (`constructor`, `__proto__`, `prototype`, ...) cannot be read: the
 * render fails with a {@link TemplateError}.
 */
export function renderTemplate(source: string, context: Record<string, unknown>): string {
  const { template, variables } = compile(source);
  const own = ownVariables(context);
  const missing = variables.filter((name) => !Object.hasOwn(own, name));
  if (missing.length > 0) {
    const given = Object.keys(own).filter((name) => !name.startsWith('__kagura_'));
    throw new TemplateError({
      template: source,
      missing,
      message:
        `The prompt template uses ${missing.map((name) => `'${name}'`).join(', ')}, which ` +
        `${missing.length === 1 ? 'was' : 'were'} not given. Available variables: ` +
        `${given.length > 0 ? given.join(', ') : '(none)'}. Check the spelling, or add a ` +
        'parameter with that name.',
    });
  }
  try {
    return runGuarded(() => template.render(own));
  } catch (error) {
    throw new TemplateError({
      template: source,
      message: `The prompt template failed to render: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/**
 * The variables a template reads from its context, in order of first use (its own `set`,
 * `for` and macro names excluded). Compiles and caches the template like {@link renderTemplate}.
 */
export function listTemplateVariables(source: string): readonly string[] {
  return compile(source).variables;
}

// Own entries only, in an object without a prototype: nothing is inherited, and a
// `__proto__` key (from `JSON.parse`) cannot become the engine's prototype when it copies them.
function ownVariables(context: Record<string, unknown>): Record<string, unknown> {
  const own: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(context)) {
    if (!blockedTemplateNames.has(name)) own[name] = value;
  }
  return own;
}

function compile(source: string): CompiledTemplate {
  let entry = compiled.get(source);
  if (entry !== undefined) return entry;
  try {
    const variables = findTemplateVariables(parseTemplate(source), globals);
    entry = { template: nunjucks.compile(source, environment), variables };
  } catch (error) {
    throw new TemplateError({
      template: source,
      message: `The prompt template has a syntax error: ${(error as Error).message}`,
      cause: error,
    });
  }
  // Templates come from code, so there are few; the bound only guards dynamic ones.
  if (compiled.size >= maxCachedTemplates) compiled.clear();
  compiled.set(source, entry);
  return entry;
}

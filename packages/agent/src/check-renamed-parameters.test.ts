import { describe, expect, it } from 'vitest';
import { checkRenamedParameters } from './check-renamed-parameters.js';
import { parseParameters } from './parse-parameters.js';
import { PromptTemplate } from './prompt.js';
import { TemplateError } from './template-error.js';

// biome-ignore lint/suspicious/noExplicitAny: built from source text, like a minified method.
function method(source: string): (...args: any[]) => unknown {
  return new Function(`return function ${source} { return undefined; }`)();
}

function check(source: string, template: string, system?: string) {
  const fn = method(source);
  const parsed = parseParameters(fn);
  const variables = Object.fromEntries(parsed.names.map((name) => [name, 'x']));
  return () =>
    checkRenamedParameters({
      template: new PromptTemplate(template),
      system,
      variables: { self: {}, ...variables },
      parameters: parsed,
      source: Function.prototype.toString.call(fn),
      label: 'Assistant.translate',
    });
}

describe('checkRenamedParameters', () => {
  it('should explain short parameter names the template does not use, with both fixes', () => {
    const run = check('translate(t,r="French")', 'Translate {{ text }} into {{ lang }}.');
    expect(run).toThrow(TemplateError);
    try {
      run();
    } catch (error) {
      expect((error as TemplateError).missing).toEqual(['text', 'lang']);
      expect((error as Error).message).toBe(
        "The parameters of Assistant.translate look renamed by a minifier: the prompt template uses 'text', 'lang', which were not given, and the method's parameter list is now (t,r=\"French\"). Its original names are not in the built code, so they cannot be read from it. Either name the template variables in the decorator, one per parameter in the order the method declares them: @agent({ parameters: ['text', 'lang'] }) (the method has 2). Or build without renaming identifiers: esbuild --minify-whitespace --minify-syntax instead of --minify, terser mangle: false.",
      );
    }
  });

  it('should count long renamed names when as many are missing, and read the system template', () => {
    expect(check('translate(abc,xyz)', '{{ text }}', 'Speak {{ lang }}.')).toThrow(
      "uses 'text', 'lang', which were not given",
    );
  });

  it('should say how to read a destructured parameter', () => {
    expect(check('summarise({title:e,body:t})', '{{ title }}: {{ body }}')).toThrow(
      'A destructured parameter gets one name for the whole argument',
    );
  });

  it('should leave an ordinary typo to the renderer', () => {
    // The template uses one of the parameters: the names were not renamed.
    expect(check('translate(t,r)', '{{ t }} {{ lang }}')).not.toThrow();
    // Readable names, and fewer missing than parameters.
    expect(check('translate(source,target)', '{{ text }}')).not.toThrow();
    expect(check('translate(t,r)', '{{ t }} {{ r }}')).not.toThrow();
    // As many missing as parameters, but written on several lines: a typo, not a minifier.
    expect(check('typo(topic)\n', '{{ topik }}')).not.toThrow();
    expect(check('ask()', '{{ question }}')).not.toThrow();
  });
});

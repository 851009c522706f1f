import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PromptTemplate, prompt } from './prompt.js';
import { renderTemplate } from './render-template.js';
import { TemplateError } from './template-error.js';

describe('renderTemplate', () => {
  it('should fill variables without escaping', () => {
    expect(
      renderTemplate('Say {{ text }} in {{ lang }}.', {
        text: '<b>"hi" & bye</b>',
        lang: 'French',
      }),
    ).toBe('Say <b>"hi" & bye</b> in French.');
  });

  it('should support loops, conditionals, filters and the instance as self', () => {
    const template = [
      'Items:',
      '{% for item in items %}',
      '  - {{ item | upper }}',
      '{% endfor %}',
      '{% if self.verbose %}(verbose){% endif %}',
    ].join('\n');
    // Block tags on their own lines leave no blank lines behind (trimBlocks, lstripBlocks).
    expect(renderTemplate(template, { items: ['a', 'b'], self: { verbose: true } })).toBe(
      'Items:\n  - A\n  - B\n(verbose)',
    );
  });

  it('should name every missing variable before rendering', () => {
    try {
      renderTemplate('Translate {{ txt }} into {{ lang }} for {{ user.name }}.', {
        text: 'x',
        lang: 'fr',
      });
      expect.unreachable();
    } catch (error) {
      expect(TemplateError.isInstance(error)).toBe(true);
      expect((error as TemplateError).missing).toEqual(['txt', 'user']);
      expect((error as TemplateError).message).toContain("'txt', 'user'");
      expect((error as TemplateError).message).toContain('Available variables: text, lang');
    }
  });

  it('should not report names the template binds itself, filter names or dict keys', () => {
    const template =
      '{% set greeting = "hi" %}{% for key, value in pairs %}{{ key }}={{ value | default("?") }}{% endfor %}' +
      '{{ greeting }}{{ { a: 1 }["a"] }}{% macro shout(word, times=2) %}{{ word }}{% endmacro %}{{ shout("x") }}' +
      '{% for n in range(2) %}{{ n }}{% endfor %}';
    expect(renderTemplate(template, { pairs: { x: 1 } })).toBe('x=1hi1x01');
  });

  it('should accept a variable that is present but undefined (an optional parameter)', () => {
    expect(renderTemplate('A{% if note %} ({{ note }}){% endif %}', { note: undefined })).toBe('A');
  });

  it('should report a syntax error as a TemplateError', () => {
    expect(() => renderTemplate('{% if x %}unclosed', { x: 1 })).toThrow(/syntax error/);
  });
});

describe('prompt', () => {
  it('should bind interpolations as values, never as template syntax', () => {
    const userText = '{{ secret }} {% raw %}';
    const template = prompt`Echo ${userText} for {{ name }}` as unknown as PromptTemplate;
    expect(PromptTemplate.isInstance(template)).toBe(true);
    expect(renderTemplate(template.source, { ...template.values, name: 'Ada' })).toBe(
      'Echo {{ secret }} {% raw %} for Ada',
    );
  });
});

describe('renderTemplate hardening', () => {
  const global = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete global.__kaguraSentinel;
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  function renderError(source: string, context: Record<string, unknown> = {}): TemplateError {
    try {
      renderTemplate(source, context);
    } catch (error) {
      expect(TemplateError.isInstance(error)).toBe(true);
      return error as TemplateError;
    }
    return expect.unreachable(`${source} rendered`);
  }

  it('should report prototype members read as variables as missing, before rendering', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(renderError(`{{ ${name} }}`, { text: 'x' }).missing).toEqual([name]);
    }
  });

  it('should refuse prototype members of any value, and never run code', () => {
    const attacks = [
      '{{ range.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{{ cycler.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{{ joiner.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{{ range.constructor("return 1")() }}',
      '{{ self.constructor }}',
      '{{ self.constructor.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{{ "".constructor }}',
      '{{ [].constructor }}',
      '{{ {}.constructor }}',
      '{{ x.__proto__.polluted }}',
      '{{ x["__proto__"] }}',
      '{{ x[["constructor"]] }}',
      '{{ x["con" + "structor"] }}',
      '{{ range.prototype }}',
      '{% set y = range.constructor %}{{ y("globalThis.__kaguraSentinel = 1")() }}',
      '{% set y = range.constructor %}',
      '{% macro m() %}{% endmacro %}{{ m.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{{ x.__lookupGetter__("__proto__").call(x).__defineGetter__("polluted", range) }}',
      '{{ x.__defineSetter__("polluted", range) }}',
      '{% for constructor in [] %}{% endfor %}{{ constructor.constructor("globalThis.__kaguraSentinel = 1")() }}',
    ];
    for (const source of attacks) {
      expect(renderError(source, { x: {}, self: { name: 'agent' } }).message).toMatch(
        /failed to render: .*cannot be read in a template/s,
      );
    }
    expect(global.__kaguraSentinel).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('should resolve a bare name only to an own variable or global, even one the engine skips', () => {
    // The variable check skips names the template binds; the lookup must not find inherited ones.
    expect(renderTemplate('{% for constructor in [] %}{% endfor %}[{{ constructor }}]', {})).toBe(
      '[]',
    );
  });

  it('should not inherit from the context or from an own __proto__ key', () => {
    const inherited = Object.create({ secret: 'inherited' }) as Record<string, unknown>;
    expect(renderError('{{ secret }}', inherited).missing).toEqual(['secret']);
    const parsed = JSON.parse('{"__proto__": {"secret": "from JSON"}, "name": "Ada"}');
    expect(renderTemplate('{{ name }}', parsed)).toBe('Ada');
    expect(renderError('{{ secret }}', parsed).missing).toEqual(['secret']);
  });

  it('should keep ordinary member access and methods working', () => {
    expect(
      renderTemplate(
        '{{ user.name }} {{ items.length }} {{ items.join("+") }} {{ n.toFixed(1) }}',
        {
          user: { name: 'Ada' },
          items: ['a', 'b'],
          n: 2,
        },
      ),
    ).toBe('Ada 2 a+b 2.0');
  });

  it('should leave other renders with the same engine unguarded', async () => {
    const { nunjucksEngine } = await import('./nunjucks-engine.js');
    // Kagura's renders are guarded while they run; a direct render of the engine is not.
    expect(nunjucksEngine.renderString('{{ "yes" if x.constructor else "no" }}', { x: {} })).toBe(
      'yes',
    );
  });

  it('should render any string given as a variable or a prompt value as that text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (variable, value) => {
          expect(renderTemplate('<{{ text }}>', { text: variable })).toBe(`<${variable}>`);
          const template = prompt`[${value}|{{ text }}]` as unknown as PromptTemplate;
          expect(renderTemplate(template.source, { ...template.values, text: variable })).toBe(
            `[${value}|${variable}]`,
          );
        },
      ),
      { numRuns: 50 },
    );
    expect(global.__kaguraSentinel).toBeUndefined();
  });

  it('should render template-like strings as text, never as code', () => {
    const code = fc.constantFrom(
      '{{ range.constructor("globalThis.__kaguraSentinel = 1")() }}',
      '{% set y = range.constructor %}',
      '{{ constructor }}',
      '{{ __proto__ }}',
      '{% raw %}',
      '{#',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(code, fc.string()), { maxLength: 4 }), (parts) => {
        const text = parts.join('');
        expect(renderTemplate('{{ text }}', { text })).toBe(text);
      }),
    );
    expect(global.__kaguraSentinel).toBeUndefined();
  });
});

describe('renderTemplate with values that are not text', () => {
  function failure(source: string, context: Record<string, unknown>): TemplateError {
    try {
      renderTemplate(source, context);
    } catch (error) {
      if (TemplateError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected a TemplateError');
  }

  it('should refuse a function rather than send its source code', () => {
    const secret = () => 'sk-inside-the-source';
    const error = failure('Summarize {{ text }}.', { text: secret });
    expect(error.message).toContain('a function cannot be inserted into a prompt');
    expect(error.message).not.toContain('sk-inside-the-source');
  });

  it('should refuse a function interpolated into the prompt tag', () => {
    const template = prompt`Summarize ${() => 'x'}.` as unknown as PromptTemplate;
    expect(failure(template.source, { ...template.values }).message).toContain(
      'a function cannot be inserted',
    );
  });

  it('should write a plain object as JSON, and refuse a circular one', () => {
    expect(renderTemplate('{{ user }}', { user: { name: 'Ada', born: 1815 } })).toBe(
      '{"name":"Ada","born":1815}',
    );
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    expect(failure('{{ user }}', { user: circular }).message).toContain(
      'a value that cannot be written as JSON cannot be inserted into a prompt',
    );
  });

  it('should write an array of objects as JSON, and refuse one that is circular inside', () => {
    expect(renderTemplate('{{ users }}', { users: [{ name: 'Ada' }, { name: 'Alan' }] })).toBe(
      '[{"name":"Ada"},{"name":"Alan"}]',
    );
    expect(renderTemplate('{{ grid }}', { grid: [[1, 2], [3]] })).toBe('[[1,2],[3]]');
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(failure('{{ users }}', { users: [loop] }).message).toContain(
      'a value that cannot be written as JSON cannot be inserted into a prompt',
    );
    const list: unknown[] = ['a'];
    list.push(list);
    expect(failure('{{ list }}', { list }).message).toContain('circular');
  });

  it('should refuse an array holding a function rather than send its source code', () => {
    const secret = () => 'sk-inside-the-source';
    const error = failure('{{ steps }}', { steps: ['first', secret] });
    expect(error.message).toContain('a function cannot be inserted into a prompt');
    expect(error.message).not.toContain('sk-inside-the-source');
  });

  it('should leave strings, numbers, arrays and fields of objects as they were', () => {
    expect(
      renderTemplate('{{ a }} {{ n }} {{ list }} {{ user.name }}', {
        a: 'text',
        n: 3,
        list: ['x', 'y'],
        user: { name: 'Ada' },
      }),
    ).toBe('text 3 x,y Ada');
  });
});

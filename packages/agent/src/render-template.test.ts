import { describe, expect, it } from 'vitest';
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

import { InvalidArgumentError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { createArgumentBinder } from './bind-arguments.js';
import { TemplateError } from './template-error.js';

describe('createArgumentBinder', () => {
  it('should apply defaults, rest parameters and destructuring as JavaScript does', () => {
    function method(text: string, lang = 'French', { tone = 'neutral' } = {}, ...extra: string[]) {
      return [text, lang, tone, extra];
    }
    const bind = createArgumentBinder({ method, label: () => 'method' });
    expect(bind(undefined, ['hi'])).toEqual({
      text: 'hi',
      lang: 'French',
      tone: 'neutral',
      extra: [],
    });
    expect(bind(undefined, ['hi', 'German', { tone: 'warm' }, 'a', 'b'])).toEqual({
      text: 'hi',
      lang: 'German',
      tone: 'warm',
      extra: ['a', 'b'],
    });
  });

  it('should let defaults use this and earlier parameters', () => {
    class Greeter {
      greeting = 'Hello';
      greet(name: string, line = `${this.greeting}, ${name}`) {
        return line;
      }
    }
    const bind = createArgumentBinder({
      method: Greeter.prototype.greet,
      label: () => 'Greeter.greet',
    });
    expect(bind(new Greeter(), ['Ada'])).toEqual({ name: 'Ada', line: 'Hello, Ada' });
  });

  it('should explain a default that uses a name outside the method', () => {
    const outside = 'German';
    function method(lang = outside) {
      return lang;
    }
    const bind = createArgumentBinder({ method, label: () => 'Agent.method' });
    expect(() => bind(undefined, [])).toThrow(TemplateError);
    expect(() => bind(undefined, [])).toThrow(/Agent\.method.*outside.*not defined|not defined/s);
    expect(bind(undefined, ['Spanish'])).toEqual({ lang: 'Spanish' });
  });

  it('should bind explicit names by position, with defaults, as a minified method needs', () => {
    // What `esbuild --minify` leaves of `translate(text, lang = 'French')`.
    const minified = new Function(
      'return function translate(t, r = "French") { return [t, r]; }',
    )();
    const bind = createArgumentBinder({
      method: minified,
      label: () => 'Assistant.translate',
      variables: ['text', 'lang'],
    });
    expect(bind(undefined, ['Hello'])).toEqual({ text: 'Hello', lang: 'French' });
    expect(bind(undefined, ['Hello', undefined])).toEqual({ text: 'Hello', lang: 'French' });
    expect(bind(undefined, ['Hello', 'German'])).toEqual({ text: 'Hello', lang: 'German' });
  });

  it('should give a destructured parameter the raw argument and a rest parameter the array', () => {
    const minified = new Function('return function s({ title: e, body: t }, ...n) { return e; }')();
    const bind = createArgumentBinder({
      method: minified,
      label: () => 'Notes.summarise',
      variables: ['post', 'tags'],
    });
    const post = { title: 'Caching', body: 'It is fast.' };
    expect(bind(undefined, [post, 'perf', 'llm'])).toEqual({ post, tags: ['perf', 'llm'] });
  });

  it('should refuse a names list that does not fit the parameters, naming both lists', () => {
    function translate(text: string, lang = 'French') {
      return [text, lang];
    }
    const make = (variables: readonly string[]) => () =>
      createArgumentBinder({ method: translate, label: () => 'Assistant.translate', variables });
    expect(make(['text'])).toThrow(InvalidArgumentError);
    expect(make(['text'])).toThrow(
      /Invalid parameters of @agent Assistant\.translate: it names 1 parameter \(text\), but the method has 2: \(text, lang = .French.\)\. Give exactly one name per parameter/,
    );
    expect(make(['text', 'my-lang'])).toThrow(/"my-lang" is not a template variable name/);
    expect(make(['text', 'self'])).toThrow(/'self' is the instance in templates/);
    expect(make(['text', 'text'])).toThrow(/'text' is named twice/);
  });
});

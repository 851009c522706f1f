import { describe, expect, it } from 'vitest';
import { parseParameters } from './parse-parameters.js';

describe('parseParameters', () => {
  it('should read plain parameters and defaults', () => {
    function translate(text: string, lang = 'French, (or) German') {
      return [text, lang];
    }
    expect(parseParameters(translate).names).toEqual(['text', 'lang']);
  });

  it('should read rest and destructured parameters', () => {
    function summarise(
      {
        title,
        body: content = 'none',
        meta: { author },
      }: { title: string; body?: string; meta: { author: string } },
      [first, , third = 3]: number[],
      ...notes: string[]
    ) {
      return [title, content, author, first, third, notes];
    }
    expect(parseParameters(summarise).names).toEqual([
      'title',
      'content',
      'author',
      'first',
      'third',
      'notes',
    ]);
  });

  it('should read methods, async methods and computed names', () => {
    class Example {
      async ask(question: string, options = { depth: 2 }) {
        return [question, options];
      }
      [Symbol.for('x')](value: number) {
        return value;
      }
    }
    expect(parseParameters(Example.prototype.ask).names).toEqual(['question', 'options']);
    const computed = (Example.prototype as unknown as Record<symbol, (value: number) => number>)[
      Symbol.for('x')
    ]!;
    expect(parseParameters(computed).names).toEqual(['value']);
  });

  it('should ignore strings, template literals and comments holding brackets and commas', () => {
    function tricky(a = ')', /* b, c */ d = `x${'('}`, e = '[,{') {
      return [a, d, e];
    }
    expect(parseParameters(tricky).names).toEqual(['a', 'd', 'e']);
  });

  it('should read arrow functions', () => {
    expect(parseParameters((x: number, y = 2) => x + y).names).toEqual(['x', 'y']);
    expect(parseParameters(((x: number) => x) as (x: number) => number).names).toEqual(['x']);
  });

  it('should return no names for a function without parameters', () => {
    expect(parseParameters(() => 1).names).toEqual([]);
  });

  it('should describe each parameter by position: its name, or none for a pattern', () => {
    function summarise({ title }: { title: string }, lang = 'en', ...tags: string[]) {
      return [title, lang, tags];
    }
    expect(parseParameters(summarise).parameters).toEqual([
      { source: '{ title }', name: undefined, rest: false },
      { source: expect.stringMatching(/^lang = .en.$/), name: 'lang', rest: false },
      { source: '...tags', name: 'tags', rest: true },
    ]);
    expect(parseParameters(((x: number) => x) as (x: number) => number).parameters).toEqual([
      { source: 'x', name: 'x', rest: false },
    ]);
  });
});

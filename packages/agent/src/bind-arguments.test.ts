import { describe, expect, it } from 'vitest';
import { createArgumentBinder } from './bind-arguments.js';
import { TemplateError } from './template-error.js';

describe('createArgumentBinder', () => {
  it('should apply defaults, rest parameters and destructuring as JavaScript does', () => {
    function method(text: string, lang = 'French', { tone = 'neutral' } = {}, ...extra: string[]) {
      return [text, lang, tone, extra];
    }
    const bind = createArgumentBinder(method, 'method');
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
    const bind = createArgumentBinder(Greeter.prototype.greet, 'Greeter.greet');
    expect(bind(new Greeter(), ['Ada'])).toEqual({ name: 'Ada', line: 'Hello, Ada' });
  });

  it('should explain a default that uses a name outside the method', () => {
    const outside = 'German';
    function method(lang = outside) {
      return lang;
    }
    const bind = createArgumentBinder(method, 'Agent.method');
    expect(() => bind(undefined, [])).toThrow(TemplateError);
    expect(() => bind(undefined, [])).toThrow(/Agent\.method.*outside.*not defined|not defined/s);
    expect(bind(undefined, ['Spanish'])).toEqual({ lang: 'Spanish' });
  });
});

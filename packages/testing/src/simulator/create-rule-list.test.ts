import { describe, expect, it } from 'vitest';
import { createRuleList } from './create-rule-list.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

function request(lastUserText: string): SimulatorRequestInfo {
  return {
    api: 'openai',
    model: 'm',
    system: '',
    messages: [],
    lastUserText,
    tools: [],
    stream: false,
    maxTokens: undefined,
    body: {},
  };
}

describe('createRuleList', () => {
  it('should return the first matching rule', () => {
    const rules = createRuleList([
      { match: 'weather', reply: 'first' },
      { match: 'weather', reply: 'second' },
    ]);
    expect(rules.take(request('the weather'))?.reply).toBe('first');
    expect(rules.take(request('nothing'))).toBeUndefined();
  });

  it('should match a global RegExp on every call', () => {
    const rules = createRuleList([{ match: /hi/g, reply: 'yes' }]);
    expect(rules.take(request('hi'))).toBeDefined();
    expect(rules.take(request('hi'))).toBeDefined();
  });

  it('should skip used-up rules and re-arm them on reset', () => {
    const rules = createRuleList([{ match: 'x', reply: 'once', times: 1 }]);
    rules.add({ match: 'x', reply: 'added' });
    expect(rules.take(request('x'))?.reply).toBe('once');
    expect(rules.take(request('x'))?.reply).toBe('added');
    rules.reset();
    expect(rules.take(request('x'))?.reply).toBe('once');
    expect(rules.take(request('x'))).toBeUndefined();
  });
});

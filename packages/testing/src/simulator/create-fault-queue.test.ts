import { describe, expect, it } from 'vitest';
import { createFaultQueue } from './create-fault-queue.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

function request(
  lastUserText: string,
  api: 'openai' | 'anthropic' = 'openai',
): SimulatorRequestInfo {
  return {
    api,
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

describe('createFaultQueue', () => {
  it('should apply a fault once by default', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'drop' });
    expect(queue.take('openai', request('a'))?.type).toBe('drop');
    expect(queue.take('openai', request('a'))).toBeUndefined();
  });

  it('should apply a fault the given number of times', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'malformed-json', times: 2 });
    expect(queue.take('anthropic', request('a', 'anthropic'))).toBeDefined();
    expect(queue.take('openai', request('a'))).toBeDefined();
    expect(queue.take('openai', request('a'))).toBeUndefined();
  });

  it('should skip faults for another api or that do not match', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'drop', api: 'anthropic' });
    queue.add({ type: 'malformed-json', match: /boom/ });
    expect(queue.take('openai', request('hello'))).toBeUndefined();
    expect(queue.take('openai', request('boom'))?.type).toBe('malformed-json');
    expect(queue.take('anthropic', request('hello', 'anthropic'))?.type).toBe('drop');
  });

  it('should give model listings only faults aimed at them', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'drop' });
    expect(queue.take('models', undefined)).toBeUndefined();
    queue.add({ type: 'malformed-json', api: 'models' });
    expect(queue.take('models', undefined)?.type).toBe('malformed-json');
  });

  it('should forget every fault on clear', () => {
    const queue = createFaultQueue();
    queue.add({ type: 'drop', times: 5 });
    queue.clear();
    expect(queue.take('openai', request('a'))).toBeUndefined();
  });
});

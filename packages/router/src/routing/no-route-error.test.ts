import { KaguraError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { NoRouteError } from './no-route-error.js';

describe('NoRouteError', () => {
  it('should be recognised through its marker, as a KaguraError', () => {
    const error = new NoRouteError({ reason: 'no-agents', query: 'hi', candidates: [] });
    expect(NoRouteError.isInstance(error)).toBe(true);
    expect(KaguraError.isInstance(error)).toBe(true);
    expect(NoRouteError.isInstance(new Error('no'))).toBe(false);
    expect(error.name).toBe('NoRouteError');
  });

  it('should list the candidates and say what to do when an unknown agent is asked for', () => {
    const error = new NoRouteError({
      reason: 'unknown-agent',
      query: 'What is the weather?',
      candidates: ['translate', 'code'],
      requested: 'weather',
      requestedBy: 'the model',
    });
    expect(error.message).toBe(
      'The model asked for agent \'weather\' for "What is the weather?", but no agent has that ' +
        'name. Candidates: translate, code. Use one of these names, or register an agent by that name.',
    );
    expect(error.requested).toBe('weather');
  });

  it('should shorten a long query in the message', () => {
    const error = new NoRouteError({
      reason: 'below-threshold',
      query: 'x'.repeat(500),
      candidates: ['a'],
      threshold: 0.5,
    });
    expect(error.message).toContain(`"${'x'.repeat(120)}…": no agent matched (threshold 0.5)`);
    expect(error.query).toHaveLength(500);
  });
});

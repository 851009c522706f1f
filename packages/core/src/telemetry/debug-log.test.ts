import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDebugLog, describeEvent, redactSecrets } from './debug-log.js';

afterEach(() => vi.restoreAllMocks());

function linesWith(env: NodeJS.ProcessEnv): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const log = createDebugLog(env);
  log?.('cache', 'hit #1');
  log?.('retry', 'attempt 1 failed');
  return lines;
}

describe('createDebugLog', () => {
  it('should be off unless DEBUG or NODE_DEBUG names kagura', () => {
    expect(createDebugLog({})).toBeUndefined();
    expect(createDebugLog({ DEBUG: 'express:*' })).toBeUndefined();
    expect(createDebugLog({ NODE_DEBUG: 'http,net' })).toBeUndefined();
  });

  it.each([['kagura:*'], ['kagura'], ['*'], ['express:*,kagura:*'], ['express:* kagura:*']])(
    'should write every category with DEBUG=%s',
    (value) => {
      expect(linesWith({ DEBUG: value })).toEqual([
        'kagura:cache hit #1\n',
        'kagura:retry attempt 1 failed\n',
      ]);
    },
  );

  it('should write one category, or all but the excluded ones', () => {
    expect(linesWith({ DEBUG: 'kagura:cache' })).toEqual(['kagura:cache hit #1\n']);
    expect(linesWith({ DEBUG: 'kagura:*,-kagura:cache' })).toEqual([
      'kagura:retry attempt 1 failed\n',
    ]);
  });

  it('should follow NODE_DEBUG=kagura too', () => {
    // util.debuglog reads NODE_DEBUG when the process starts, so only whether a log is made is
    // checked here.
    expect(createDebugLog({ NODE_DEBUG: 'http,kagura' })).toBeTypeOf('function');
  });
});

describe('redactSecrets', () => {
  it('should hide credentials in URLs, bearer tokens and API keys', () => {
    expect(
      redactSecrets(
        'redis://app:hunter2@cache:6379 failed; Authorization: Bearer abc.def; key sk-proj-1234567890 and sk-ant-api03-xyz123',
      ),
    ).toBe('redis://***@cache:6379 failed; Authorization: Bearer ***; key sk-*** and sk-***');
  });
});

describe('describeEvent', () => {
  const base = { callId: 7, provider: 'openai', model: 'gpt-4o-mini', agent: 'translate' };

  it('should write one line per event, without prompts or answers', () => {
    expect(describeEvent({ type: 'request-start', ...base, stream: true })).toEqual([
      'call',
      '#7 start openai:gpt-4o-mini stream agent=translate',
    ]);
    expect(
      describeEvent({
        type: 'cache-result',
        ...base,
        status: 'hit',
        key: 'kagura:v2:t:abc',
        ageMs: 12,
      }),
    ).toEqual(['cache', '#7 hit age=12ms key=kagura:v2:t:abc']);
    expect(
      describeEvent({
        type: 'retry-scheduled',
        ...base,
        attempt: 1,
        delayMs: 512.4,
        reason: '429',
        error: new Error('Rate limited'),
      }),
    ).toEqual(['retry', '#7 attempt 1 failed (429), retrying in 512ms']);
    expect(
      describeEvent({
        type: 'response',
        ...base,
        cache: 'miss',
        finishReason: 'stop',
        usage: { inputTokens: 10, outputTokens: 20, cachedInputTokens: 0 },
        cost: { usd: 0.000014, savedUsd: 0, priced: true },
        durationMs: 40.2,
      }),
    ).toEqual(['call', '#7 miss stop in=10 out=20 cached=0 $0.000014 40ms']);
  });
});

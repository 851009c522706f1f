import { AbortError, APICallError, InvalidArgumentError } from '@kagura-ts/core';
import * as sdk from 'openai';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { mapOpenAIError } from './openai-error.js';

const options = { provider: 'openai', sdk };

function statusError(status: number, error: object, headers: Record<string, string> = {}) {
  return APIError.generate(status, { error }, undefined, new Headers(headers));
}

describe('mapOpenAIError', () => {
  it('should map an HTTP error to an APICallError with status, code and body', () => {
    const cause = statusError(503, { message: 'Overloaded.', type: 'server_error', code: null });
    const error = mapOpenAIError(cause, options);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'openai',
      statusCode: 503,
      isRetryable: true,
      code: 'server_error',
      responseBody: { message: 'Overloaded.', type: 'server_error', code: null },
      cause,
    });
    expect((error as Error).message).toBe('OpenAI API error 503 (server_error): Overloaded.');
  });

  it('should never retry insufficient_quota, though it is a 429', () => {
    const cause = statusError(
      429,
      {
        message: 'You exceeded your quota.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      },
      { 'retry-after': '1' },
    );
    const error = mapOpenAIError(cause, options);
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: false,
      code: 'insufficient_quota',
    });
    expect((error as Error).message).toContain('retrying will not help');
  });

  it('should name a compatible provider in the message', () => {
    const error = mapOpenAIError(statusError(404, { message: 'model not found' }), {
      provider: 'ollama',
      sdk,
    });
    expect((error as Error).message).toBe(
      "OpenAI-compatible API 'ollama' error 404: model not found",
    );
  });

  it('should map an abort to AbortError', () => {
    expect(AbortError.isInstance(mapOpenAIError(new APIUserAbortError(), options))).toBe(true);
    const aborted = AbortSignal.abort();
    const error = mapOpenAIError(new TypeError('terminated'), { ...options, abortSignal: aborted });
    expect(AbortError.isInstance(error)).toBe(true);
  });

  it('should map timeouts and connection failures to retryable errors without status', () => {
    for (const cause of [
      new APIConnectionTimeoutError(),
      new APIConnectionError({ cause: new Error('ECONNREFUSED') }),
    ]) {
      expect(mapOpenAIError(cause, options)).toMatchObject({
        isRetryable: true,
        statusCode: undefined,
      });
    }
  });

  it('should map an error event inside a stream to an APICallError', () => {
    const cause = new APIError(
      undefined,
      { message: 'boom', type: 'server_error' },
      undefined,
      undefined,
    );
    const error = mapOpenAIError(cause, options);
    expect(error).toMatchObject({ statusCode: undefined, isRetryable: true, code: 'server_error' });
    expect((error as Error).message).toContain('mid-stream');
  });

  it('should map invalid JSON to a retryable APICallError', () => {
    const error = mapOpenAIError(new SyntaxError('Unexpected end of JSON input'), options);
    expect(error).toMatchObject({ isRetryable: true });
    expect((error as Error).message).toContain('invalid JSON');
  });

  it('should pass Kagura errors and unknown errors through', () => {
    const kagura = new InvalidArgumentError({ argument: 'x', value: 1, message: 'bad' });
    expect(mapOpenAIError(kagura, options)).toBe(kagura);
    const unknown = new RangeError('bug');
    expect(mapOpenAIError(unknown, options)).toBe(unknown);
  });
});

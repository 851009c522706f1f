import * as sdk from '@anthropic-ai/sdk';
import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { ErrorType } from '@anthropic-ai/sdk/resources/shared';
import { AbortError, LoadAPIKeyError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { mapAnthropicError } from './anthropic-error.js';

const options = { provider: 'anthropic', sdk };

function statusError(status: number, type: string, message: string) {
  return APIError.generate(
    status,
    { type: 'error', error: { type, message } },
    undefined,
    new Headers(),
  );
}

describe('mapAnthropicError', () => {
  it('should map an HTTP error with the API type as code and the whole body', () => {
    const cause = statusError(400, 'invalid_request_error', 'max_tokens: Field required');
    expect(mapAnthropicError(cause, options)).toMatchObject({
      statusCode: 400,
      isRetryable: false,
      code: 'invalid_request_error',
      responseBody: { type: 'error', error: { type: 'invalid_request_error' } },
      message: 'Anthropic API error 400 (invalid_request_error): max_tokens: Field required',
    });
  });

  it('should retry 429, 500 and 529', () => {
    for (const status of [429, 500, 529]) {
      expect(mapAnthropicError(statusError(status, 'x', 'y'), options)).toMatchObject({
        statusCode: status,
        isRetryable: true,
      });
    }
  });

  it('should retry mid-stream overloaded errors but not invalid requests', () => {
    const error = (type: ErrorType) =>
      new APIError(
        undefined,
        { type: 'error', error: { type, message: 'm' } },
        undefined,
        undefined,
        type,
      );
    expect(mapAnthropicError(error('overloaded_error'), options)).toMatchObject({
      isRetryable: true,
    });
    expect(mapAnthropicError(error('invalid_request_error'), options)).toMatchObject({
      isRetryable: false,
    });
  });

  it('should map aborts, connection failures and missing credentials', () => {
    expect(AbortError.isInstance(mapAnthropicError(new APIUserAbortError(), options))).toBe(true);
    expect(mapAnthropicError(new APIConnectionError({}), options)).toMatchObject({
      isRetryable: true,
      statusCode: undefined,
    });
    const missing = new Error('Could not resolve authentication method. Expected one of apiKey');
    expect(LoadAPIKeyError.isInstance(mapAnthropicError(missing, options))).toBe(true);
  });
});

/** Default `type`, `code` and message per status, as the OpenAI API answers them. */
const DEFAULTS: Record<number, [type: string, code: string | null, message: string]> = {
  400: ['invalid_request_error', null, 'Invalid request (simulated).'],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided (simulated).'],
  403: ['permission_error', null, 'You are not allowed to access this resource (simulated).'],
  404: ['invalid_request_error', 'model_not_found', 'The model does not exist (simulated).'],
  408: ['timeout', null, 'Request timed out (simulated).'],
  409: ['invalid_request_error', 'conflict', 'Conflict with the current state (simulated).'],
  422: ['invalid_request_error', null, 'Unprocessable request (simulated).'],
  429: ['rate_limit_exceeded', 'rate_limit_exceeded', 'Rate limit reached (simulated).'],
  500: ['server_error', null, 'The server had an error while processing your request (simulated).'],
  502: ['server_error', null, 'Bad gateway (simulated).'],
  503: [
    'server_error',
    null,
    'The engine is currently overloaded, please try again later (simulated).',
  ],
  504: ['server_error', null, 'Gateway timeout (simulated).'],
  529: ['server_error', 'overloaded', 'The server is overloaded (simulated).'],
};

/**
 * Builds the OpenAI error body `{ error: { message, type, param, code } }` for a status. A `code`
 * of `insufficient_quota` also sets `type`, as the real API does.
 */
export function openaiErrorBody(status: number, message?: string, code?: string): string {
  const [type, defaultCode, defaultMessage] =
    DEFAULTS[status] ??
    (status >= 500
      ? ['server_error', null, `Server error ${status} (simulated).`]
      : ['invalid_request_error', null, `Request failed with status ${status} (simulated).`]);
  return JSON.stringify({
    error: {
      message: message ?? defaultMessage,
      type: code === 'insufficient_quota' ? 'insufficient_quota' : type,
      param: null,
      code: code ?? defaultCode,
    },
  });
}

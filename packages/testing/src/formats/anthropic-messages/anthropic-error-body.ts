/** Default error `type` and message per status, as the Anthropic API answers them. */
const DEFAULTS: Record<number, [type: string, message: string]> = {
  400: ['invalid_request_error', 'Invalid request (simulated).'],
  401: ['authentication_error', 'invalid x-api-key (simulated).'],
  402: ['billing_error', 'Billing problem (simulated).'],
  403: ['permission_error', 'Your API key does not have permission (simulated).'],
  404: ['not_found_error', 'Not found (simulated).'],
  408: ['timeout_error', 'Request timed out (simulated).'],
  409: ['conflict_error', 'Conflict (simulated).'],
  413: ['invalid_request_error', 'Request too large (simulated).'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit (simulated).'],
  500: ['api_error', 'Internal server error (simulated).'],
  503: ['overloaded_error', 'Service unavailable (simulated).'],
  504: ['timeout_error', 'Gateway timeout (simulated).'],
  529: ['overloaded_error', 'Overloaded (simulated).'],
};

/**
 * Builds the Anthropic error body `{ type: 'error', error: { type, message }, request_id }` for a
 * status.
 */
export function anthropicErrorBody(status: number, message?: string, requestId?: string): string {
  const [type, defaultMessage] =
    DEFAULTS[status] ??
    (status >= 500
      ? ['api_error', `Server error ${status} (simulated).`]
      : ['invalid_request_error', `Request failed with status ${status} (simulated).`]);
  return JSON.stringify({
    type: 'error',
    error: { type, message: message ?? defaultMessage },
    request_id: requestId ?? null,
  });
}

// OAuth 2.0 error responses (RFC 6749 §5.2, RFC 8693, RFC 8707). Every error carries the request id
// so a caller can hand it to an auditor, and a sentence that says what was wrong.
export const OAUTH_ERROR_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_scope: 400,
  invalid_target: 400,
  unsupported_grant_type: 400,
  access_denied: 403,
  temporarily_unavailable: 503,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERROR_STATUS;

export class OAuthError extends Error {
  readonly status: number;
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.status = OAUTH_ERROR_STATUS[code];
  }

  body(requestId: string): { error: OAuthErrorCode; error_description: string; request_id: string } {
    return { error: this.code, error_description: this.description, request_id: requestId };
  }
}

/** invalid_client answers must ask for Basic credentials (RFC 6749 §5.2). */
export function oauthErrorHeaders(err: OAuthError, usedBasic: boolean): Record<string, string> {
  const h: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (err.code === 'invalid_client' && usedBasic) h['www-authenticate'] = 'Basic realm="caracal-sts"';
  return h;
}

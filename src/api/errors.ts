/** Every failed API call becomes one of these; screens show description + requestId. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly description: string;
  readonly requestId: string | null;
  readonly details: unknown;
  /** Raw body, for callers that read extra fields (e.g. `errors[]` of a 422 invalid_rego). */
  readonly body: unknown;

  constructor(init: {
    status: number;
    code: string;
    description: string;
    requestId: string | null;
    details?: unknown;
    body?: unknown;
  }) {
    super(init.description);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.description = init.description;
    this.requestId = init.requestId;
    this.details = init.details;
    this.body = init.body;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** 401 means the session expired or never existed: the route sends the user to sign-in. */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

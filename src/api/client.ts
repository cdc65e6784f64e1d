import type { z } from 'zod';
import { ApiError } from './errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * The console's only way to talk to the server. Sends the session cookie, adds the CSRF header
 * the server requires on cookie-authenticated mutations, turns every error body into an ApiError
 * and parses every success body with the shared contract schema (so a drifted server fails loudly
 * here instead of rendering `undefined`).
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-caracal-csrf'] = '1';
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      description: 'The server could not be reached. Check that caracal web is running.',
      requestId: null,
    });
  }

  const requestId = response.headers.get('x-request-id');
  const payload = await readJson(response);

  if (!response.ok) throw toApiError(response.status, payload, requestId);

  const parsed = schema.safeParse(response.status === 204 ? undefined : payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiError({
      status: response.status,
      code: 'unexpected_response',
      description: `The server's answer to ${method} ${path.split('?')[0]} did not match the contract (${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}).`,
      requestId,
      body: payload,
    });
  }
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, payload: unknown, headerRequestId: string | null): ApiError {
  const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const str = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return new ApiError({
    status,
    code: str(body.error) ?? `http_${status}`,
    description:
      str(body.error_description) ?? str(body.message) ?? `The server answered ${status} without an explanation.`,
    requestId: str(body.request_id) ?? headerRequestId,
    details: body.details,
    body: payload,
  });
}

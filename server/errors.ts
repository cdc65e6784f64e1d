import type { ErrorCode } from '../contract/index.ts';

/** A client mistake or known refusal: the error handler turns it into the one error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (thing: string, label: string, id: string) =>
  new ApiError(404, `${thing}_not_found`, `No ${label} with id "${id}" exists here.`);

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);

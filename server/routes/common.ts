import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, PathId } from '../../contract/index.ts';

export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Documented error responses for every route (the body is the one error shape). */
export const errors = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export const ZoneParams = z.strictObject({ zoneId: PathId });
export const ZoneIdParams = z.strictObject({ zoneId: PathId, id: PathId });
export const ZoneVersionParams = z.strictObject({ zoneId: PathId, id: PathId, versionId: PathId });
export const NoContent = z.null().describe('No content');

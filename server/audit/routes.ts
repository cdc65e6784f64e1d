import { z } from 'zod';
import { AuditEvent, AuditHistogram, AuditHistogramQuery, AuditList, AuditListQuery, ChainVerification, ExplainQuery, ExplainResponse } from '../../contract/audit.ts';
import { PathId } from '../../contract/index.ts';
import { zoneOf } from '../plugins/auth.ts';
import { errors, ZoneParams, type ZodApp } from '../routes/common.ts';
import type { StsAudit } from '../sts/module.ts';

const RequestParams = z.strictObject({ zoneId: PathId, requestId: PathId });
const HEARTBEAT_MS = 15_000;

export function auditRoutes(app: ZodApp, m: StsAudit) {
  const base = '/v1/zones/:zoneId/audit';
  const tags = ['audit'];

  app.get(
    base,
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'Decisions, newest first; format=csv|ndjson streams every matching row',
        params: ZoneParams,
        querystring: AuditListQuery,
        response: { 200: AuditList, ...errors },
      },
    },
    async (req, reply) => {
      const zone = zoneOf(req);
      const { format } = req.query;
      if (format === 'json') return m.audit.list(zone.id, req.query);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${zone.slug}-${stamp}.${format}"`);
      return reply.send(m.audit.export(zone.id, req.query, format) as never);
    },
  );

  app.get(
    `${base}/decisions/histogram`,
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'Allows and denies of every decision the list filters match, per time bucket over the window',
        params: ZoneParams,
        querystring: AuditHistogramQuery,
        response: { 200: AuditHistogram, ...errors },
      },
    },
    async (req) => m.audit.histogram(zoneOf(req).id, req.query),
  );

  app.get(
    `${base}/by-request/:requestId`,
    { config: { permission: 'read' }, schema: { tags, params: RequestParams, response: { 200: z.array(AuditEvent.extend({ policy_input: z.unknown() })), ...errors } } },
    async (req) => m.audit.byRequest(zoneOf(req).id, req.params.requestId),
  );

  app.get(
    `${base}/by-request/:requestId/explain`,
    {
      config: { permission: 'read' },
      schema: { tags, summary: 'The stored input; with ?trace= a replay against the version that decided', params: RequestParams, querystring: ExplainQuery, response: { 200: ExplainResponse, ...errors } },
    },
    async (req) => m.audit.explain(zoneOf(req).id, req.params.requestId, req.query.trace),
  );

  app.get(
    `${base}/verify`,
    { config: { permission: 'read' }, schema: { tags, summary: "Walk the zone's hash chain", params: ZoneParams, response: { 200: ChainVerification, ...errors } } },
    async (req) => m.audit.verify(zoneOf(req).id),
  );

  app.get(
    `${base}/stream`,
    { config: { permission: 'read' }, schema: { tags, summary: 'Server-sent events: one "decision" event per new audit event', params: ZoneParams } },
    async (req, reply) => {
      const zone = zoneOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'x-request-id': req.id,
        'x-accel-buffering': 'no',
      });
      // Subscribe before saying "connected": anything committed after that line reaches this client.
      const unsubscribe = await m.live.subscribe(zone.id, res);
      if (res.destroyed) return unsubscribe();
      res.write(`: connected to ${zone.slug}\nretry: 3000\n\n`);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}

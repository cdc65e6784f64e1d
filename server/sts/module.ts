// Builds the STS, applications and decision-audit parts on top of the server's dependencies, and
// registers their routes. app.ts calls makeStsAudit() once and registerStsAuditRoutes() once.
import type { AuditEvent } from '../../contract/audit.ts';
import { ApplicationsRepo } from '../applications/repository.ts';
import { applicationRoutes } from '../applications/routes.ts';
import { ApplicationsService } from '../applications/service.ts';
import { AuditAppendWorker } from '../audit/append-worker.ts';
import { LiveFeed } from '../audit/live-feed.ts';
import { LiveStream } from '../audit/live-stream.ts';
import { AuditRecorder } from '../audit/recorder.ts';
import { AuditRepo } from '../audit/repository.ts';
import { auditRoutes } from '../audit/routes.ts';
import { AuditService } from '../audit/service.ts';
import type { ZodApp } from '../routes/common.ts';
import type { Services } from '../services/index.ts';
import { ActiveVersionDecider } from './decider.ts';
import { stsRoutes } from './routes.ts';
import { MAX_TOKEN_TTL_SEC, StsService } from './service.ts';
import { SigningKeysRepo } from './signing-key-repository.ts';
import { KeyRing } from './signing-keys.ts';

export interface StsAuditOptions {
  tokenTtlSec?: number;
  /** Rotate the signing key when it is older than this (default 30 days). */
  keyRotateAfterMs?: number;
  auditWindowMs?: number;
}

const KEY_MAINTENANCE_MS = 3600_000;

export function makeStsAudit(services: Services, opts: StsAuditOptions = {}) {
  const { deps } = services;
  let maintenance: NodeJS.Timeout | undefined;
  const applicationsRepo = new ApplicationsRepo(deps.db);
  const auditRepo = new AuditRepo(deps.db);
  const live = new LiveFeed(auditRepo, new LiveStream<AuditEvent>());
  // SQLite: appends run on a worker thread with their own connection (see audit/append-worker.ts).
  const appender = deps.db.dialect === 'sqlite' ? new AuditAppendWorker(deps.db.where, auditRepo) : null;
  const recorder = new AuditRecorder(appender ?? auditRepo, () => live.wake(), { windowMs: opts.auditWindowMs ?? 0 });
  const tokenTtlSec = Math.min(opts.tokenTtlSec ?? MAX_TOKEN_TTL_SEC, MAX_TOKEN_TTL_SEC);
  const keys = new KeyRing(new SigningKeysRepo(deps.db), {
    maxTokenTtlSec: MAX_TOKEN_TTL_SEC,
    rotateAfterMs: opts.keyRotateAfterMs ?? 30 * 24 * 3600 * 1000,
  });
  const decider = new ActiveVersionDecider(deps.repos.zones, services.bundles);
  const sts = new StsService(applicationsRepo, keys, decider, recorder, {
    issuer: () => deps.publicUrl(),
    tokenTtlSec,
    zoneName: async (zoneId) => (await deps.repos.zones.find(zoneId))?.name ?? zoneId,
  });
  return {
    keys,
    live,
    recorder,
    sts,
    applications: new ApplicationsService(deps, applicationsRepo),
    audit: new AuditService(auditRepo, services.bundles),
    /** Loads (or creates) the signing keys and the coming months' audit partitions, then re-checks both hourly. */
    init: async () => {
      await keys.init();
      await auditRepo.preparePartitions();
      maintenance = setInterval(() => {
        void keys.maintain().catch(() => {});
        void auditRepo.preparePartitions().catch(() => {});
      }, KEY_MAINTENANCE_MS);
      maintenance.unref();
    },
    /** Writes what is still queued; call on shutdown before closing the database. */
    close: async () => {
      clearInterval(maintenance);
      live.stop();
      await recorder.drain();
      await appender?.close();
    },
  };
}

export type StsAudit = ReturnType<typeof makeStsAudit>;

export async function registerStsAuditRoutes(app: ZodApp, m: StsAudit) {
  applicationRoutes(app, m);
  auditRoutes(app, m);
  await app.register(async (scope) => stsRoutes(scope as ZodApp, m));
}

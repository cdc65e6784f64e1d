// Starts the real server (real engine, real database) on port 0 for one test file, and gives
// the tests plain-fetch helpers. On PostgreSQL every server gets its own fresh schema.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../config.ts';
import type { Db } from '../../db/types.ts';
import { startServer, type RunningServer } from '../../main.ts';

export type Dialect = 'sqlite' | 'postgres';
export const PG_URL = process.env.TEST_DATABASE_URL;
export const dialects: Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function freshPgSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  return {
    schema,
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await d.end();
    },
  };
}

export class TestServer {
  private constructor(
    readonly dialect: Dialect,
    readonly server: RunningServer,
    readonly dataDir: string,
    private readonly cleanup: () => Promise<void>,
    readonly pgSchema?: string,
  ) {}

  static async start(dialect: Dialect, o: { demo?: boolean; consoleDir?: string } = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cct-'));
    const pgs = dialect === 'postgres' ? await freshPgSchema() : undefined;
    const env: NodeJS.ProcessEnv = { CARACAL_ADMIN_TOKEN: ADMIN_TOKEN, CARACAL_LOG_LEVEL: 'silent' };
    // Small pools: many suites (and other people's) share one PostgreSQL with 100 connections.
    if (pgs) Object.assign(env, { DATABASE_URL: PG_URL, CARACAL_PG_SCHEMA: pgs.schema, CARACAL_PG_POOL_MAX: '4' });
    if (o.consoleDir) env.CARACAL_CONSOLE_DIR = o.consoleDir;
    const config = loadConfig({ port: '0', dataDir, demo: o.demo ?? false }, env);
    const server = await startServer(config);
    return new TestServer(dialect, server, dataDir, async () => {
      await server.close();
      await pgs?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }, pgs?.schema);
  }

  get url() {
    return this.server.url;
  }
  get db(): Db {
    return this.server.services.deps.db;
  }

  async close() {
    await this.cleanup();
  }

  /** Plain fetch with a bearer token (admin by default); `token: null` sends none. */
  async api<T = any>(method: string, path: string, o: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const token = o.token === undefined ? ADMIN_TOKEN : o.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const r = await fetch(this.url + path, { method, headers, body });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON (HTML for the console) */
    }
    return { status: r.status, body: parsed as T, headers: r.headers };
  }

  async token(role: 'admin' | 'author' | 'reviewer' | 'auditor', zone_id?: string, name = `${role}-${randomBytes(3).toString('hex')}`) {
    const r = await this.api('POST', '/v1/admin-tokens', { body: { name, role, ...(zone_id ? { zone_id } : {}) } });
    if (r.status !== 201) throw new Error(`token create failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  }

  async count(table: string, where = '1=1', params: (string | number)[] = []) {
    const r = await this.db.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table} WHERE ${where}`, params);
    return Number(r?.n ?? 0);
  }
}

export const ALLOW_ALL = 'package caracal.authz\n\nallow if input.principal.id != ""\n';
export function policyText(name: string, body = 'allow if input.ok == true') {
  return `package caracal.authz\n\n# ${name}\n${body}\n`;
}

/** A zone with one policy, a set and an active version: the usual starting point. */
export async function seedZone(t: TestServer, slug = `z-${randomBytes(3).toString('hex')}`) {
  const zone = (await t.api('POST', '/v1/zones', { body: { name: `Zone ${slug}`, slug } })).body;
  const policy = (await t.api('POST', `/v1/zones/${zone.id}/policies`, { body: { name: 'grant-ok', content: policyText('grant-ok') } })).body;
  const set = (await t.api('POST', `/v1/zones/${zone.id}/policy-sets`, { body: { name: 'main' } })).body;
  const v1 = (await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: policy.version_id }] } })).body;
  const act = await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activate`, { body: { version_id: v1.id, reason: 'first' } });
  if (act.status !== 202) throw new Error(`seed activate failed: ${JSON.stringify(act.body)}`);
  return { zone, policy, set, v1 };
}

export function stsInput(zoneId: string, over: Record<string, unknown> = {}) {
  return {
    schema_version: '2026-05-20',
    principal: { type: 'Application', id: 'app-1', zone_id: zoneId, labels: ['team:payments'] },
    resource: { type: 'Resource', identifier: 'resource://payments/ledger', scopes: ['payments:read'] },
    action: { id: 'TokenExchange' },
    context: { requested_scopes: ['payments:read'], time: '2026-05-20T10:00:00.000Z' },
    ...over,
  };
}

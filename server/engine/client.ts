// HTTP/JSON client of the engine (engine/API.md), over a unix socket or loopback TCP.
import http from 'node:http';
import type { BundleError, DecisionResult, ExplainLevel, TraceEvent } from '../../contract/index.ts';

export interface EngineModule {
  id: string;
  policy: string;
  policy_id?: string;
  policy_version_id?: string;
  version?: number;
  content: string;
}

export interface EngineCompileError {
  module_id: string;
  policy: string;
  policy_version_id?: string;
  row: number;
  col: number;
  code: string;
  message: string;
}

export interface CompileResponse {
  ok: boolean;
  errors: EngineCompileError[];
  warnings: EngineCompileError[];
  modules: { id: string; package: string; rules: string[] }[];
}

export interface EvaluateResponse {
  result: DecisionResult;
  trace?: TraceEvent[];
  truncated?: boolean;
  metrics: { eval_ms: number };
}

/** The engine could not be reached or answered garbage: an outage, reported as 503. */
export class EngineUnavailableError extends Error {}
/** The engine refused to compile: carries its errors. */
export class EngineCompileFailed extends Error {
  constructor(readonly errors: EngineCompileError[]) {
    super('compile_failed');
  }
}
export class BundleNotLoaded extends Error {}

export type EngineTarget = { socketPath: string } | { url: string; secret?: string };

export class EngineClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(private readonly target: EngineTarget, private readonly timeoutMs = 30_000) {}

  describe(): string {
    return 'socketPath' in this.target ? `unix:${this.target.socketPath}` : this.target.url;
  }

  request<T>(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<{ status: number; body: T }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    let options: http.RequestOptions;
    if ('socketPath' in this.target) {
      options = { socketPath: this.target.socketPath, path, method, headers, agent: this.agent };
    } else {
      const u = new URL(path, this.target.url);
      if (this.target.secret) headers.authorization = `Bearer ${this.target.secret}`;
      options = { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, agent: this.agent };
    }
    return new Promise((resolve, reject) => {
      const req = http.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as T });
          } catch {
            reject(new EngineUnavailableError(`The engine answered ${path} with something that is not JSON.`));
          }
        });
        res.on('error', (e) => reject(new EngineUnavailableError(`The engine connection broke: ${e.message}`)));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => reject(new EngineUnavailableError(`The policy engine is not reachable (${e.message}).`)));
      if (payload) req.write(payload);
      req.end();
    });
  }

  private async ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const r = await this.request<T & { error?: string; message?: string; errors?: EngineCompileError[] }>(method, path, body);
    if (r.status === 200) return r.body;
    if (r.status === 422 && r.body.error === 'compile_failed') throw new EngineCompileFailed(r.body.errors ?? []);
    if (r.status === 404 && r.body.error === 'bundle_not_loaded') throw new BundleNotLoaded(path);
    throw new EngineUnavailableError(`The engine refused ${path} with ${r.status} ${r.body.error ?? ''}: ${r.body.message ?? ''}`.trim());
  }

  async health(timeoutMs = 1000): Promise<boolean> {
    try {
      const r = await this.request<{ ok?: boolean }>('GET', '/health', undefined, timeoutMs);
      return r.status === 200 && r.body.ok === true;
    } catch {
      return false;
    }
  }

  version() {
    return this.ok<Record<string, unknown>>('GET', '/version');
  }
  compile(modules: EngineModule[]) {
    return this.ok<CompileResponse>('POST', '/v1/compile', { modules });
  }
  loadBundle(key: string, modules: EngineModule[]) {
    return this.ok<{ key: string; loaded: boolean; compile_ms: number; cached: boolean }>('POST', '/v1/bundles', { key, modules });
  }
  async hasBundle(key: string): Promise<boolean> {
    const r = await this.request<{ loaded?: boolean }>('GET', `/v1/bundles/${encodeURIComponent(key)}`);
    return r.status === 200 && r.body.loaded === true;
  }
  evaluate(req: { key?: string; modules?: EngineModule[]; input: unknown; explain?: ExplainLevel; deadline_ms?: number }) {
    return this.ok<EvaluateResponse>('POST', '/v1/evaluate', req);
  }
  evaluateBatch(req: { key: string; inputs: unknown[]; deadline_ms?: number }) {
    return this.ok<{ results: DecisionResult[]; metrics: { eval_ms: number; each_eval_ms?: number[] } }>('POST', '/v1/evaluate/batch', req);
  }
  builtins() {
    return this.ok<{ builtins: unknown[] }>('GET', '/v1/builtins');
  }
  format(content: string) {
    return this.ok<{ formatted: string }>('POST', '/v1/format', { content });
  }
  test(modules: EngineModule[]) {
    return this.ok<{
      tests: { name: string; status: 'pass' | 'fail' | 'error'; location: { row: number; col: number }; duration_ms: number; message?: string }[];
      coverage: { module_id: string; covered: number[]; not_covered: number[]; percent: number }[];
      passed: number;
      failed: number;
      errored: number;
    }>('POST', '/v1/test', { modules });
  }

  close() {
    this.agent.destroy();
  }
}

/** Compile errors as the API names them: policy, row, col. */
export function toBundleErrors(errors: EngineCompileError[]): BundleError[] {
  return errors.map((e) => ({
    policy: e.policy,
    ...(e.policy_version_id ? { policy_version_id: e.policy_version_id } : {}),
    row: e.row,
    col: e.col,
    code: e.code,
    message: e.message,
  }));
}

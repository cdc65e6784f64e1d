// Keeps one engine process alive next to the server: spawn, wait for /health, restart with
// backoff when it exits, and tell listeners each time it is (again) up so they can preload.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EngineClient } from './client.ts';

export interface EngineInfo {
  healthy: boolean;
  restarts: number;
  pid?: number;
  error?: string;
}

export interface EngineRuntime {
  readonly client: EngineClient;
  info(): EngineInfo;
  /** Called after every (re)start once /health answers; errors are logged, not thrown. */
  onUp(cb: () => Promise<void>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Log = { info: (o: object | string, m?: string) => void; warn: (o: object | string, m?: string) => void; error: (o: object | string, m?: string) => void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True while `pid` is a live (not zombie) engine serving `socketPath`. */
function isOurEngine(pid: number, socketPath: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) [ZX]/.test(stat)) return false;
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.includes('caracal-engine') && cmd.includes(socketPath);
  } catch {
    return false;
  }
}

abstract class BaseEngine implements EngineRuntime {
  protected healthy = false;
  protected restarts = 0;
  protected error: string | undefined;
  private listeners: (() => Promise<void>)[] = [];
  constructor(readonly client: EngineClient, protected readonly log: Log) {}
  onUp(cb: () => Promise<void>) {
    this.listeners.push(cb);
  }
  protected async announceUp() {
    this.healthy = true;
    this.error = undefined;
    for (const cb of this.listeners) {
      await cb().catch((e: Error) => this.log.error({ err: e }, 'engine preload failed'));
    }
  }
  info(): EngineInfo {
    return { healthy: this.healthy, restarts: this.restarts, ...(this.error ? { error: this.error } : {}) };
  }
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
}

export class SupervisedEngine extends BaseEngine {
  private child: ChildProcess | undefined;
  private stopping = false;
  private backoffMs = 200;
  private upSince = 0;

  constructor(
    private readonly opts: { bin: string; socketPath: string; pidFile: string; deadlineMs: number },
    log: Log,
  ) {
    super(new EngineClient({ socketPath: opts.socketPath }), log);
  }

  override info(): EngineInfo {
    return { ...super.info(), ...(this.child?.pid ? { pid: this.child.pid } : {}) };
  }

  async start() {
    if (!existsSync(this.opts.bin)) {
      throw new Error(`The engine binary is missing at ${this.opts.bin}; build it with "npm run build:engine".`);
    }
    await this.killStale();
    await this.spawnAndWait();
  }

  /** A server killed with -9 leaves its engine behind; the pid file lets the next start clean up. */
  private async killStale() {
    if (!existsSync(this.opts.pidFile)) return;
    const pid = Number(readFileSync(this.opts.pidFile, 'utf8'));
    if (isOurEngine(pid, this.opts.socketPath)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      // Wait until it is really gone (or a zombie) so two engines never share the socket path.
      for (let i = 0; i < 100 && isOurEngine(pid, this.opts.socketPath); i++) await sleep(20);
    }
    rmSync(this.opts.pidFile, { force: true });
  }

  private async spawnAndWait() {
    rmSync(this.opts.socketPath, { force: true });
    const child = spawn(this.opts.bin, ['--socket', this.opts.socketPath, '--deadline', `${this.opts.deadlineMs}ms`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    this.child = child;
    if (child.pid) writeFileSync(this.opts.pidFile, String(child.pid));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if (await this.client.health(500)) {
        this.upSince = Date.now();
        this.log.info({ pid: child.pid, socket: this.opts.socketPath }, 'engine is up');
        await this.announceUp();
        return;
      }
      await sleep(50);
    }
    this.error = 'The engine did not answer /health within 15 seconds of starting.';
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw new Error(this.error);
  }

  private onExit(child: ChildProcess, code: number | null, signal: string | null) {
    if (child !== this.child) return;
    this.healthy = false;
    if (this.stopping) return;
    this.error = `The engine exited (${signal ?? `code ${code}`}); restarting.`;
    this.log.warn({ code, signal }, 'engine exited; restarting with backoff');
    // A run that stayed up for a while resets the backoff; a crash loop slows down to 5 s.
    if (Date.now() - this.upSince > 30_000) this.backoffMs = 200;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, 5000);
    setTimeout(() => {
      if (this.stopping) return;
      this.restarts++;
      this.spawnAndWait().catch((e: Error) => {
        this.error = e.message;
        this.log.error({ err: e }, 'engine restart failed');
        if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
      });
    }, wait).unref();
  }

  async stop() {
    this.stopping = true;
    this.healthy = false;
    const child = this.child;
    this.client.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.opts.pidFile, { force: true });
    rmSync(this.opts.socketPath, { force: true });
  }
}

/** ENGINE_URL: someone else runs the engine; we only watch its health. */
export class ExternalEngine extends BaseEngine {
  private timer: NodeJS.Timeout | undefined;
  constructor(url: string, secret: string | undefined, log: Log) {
    super(new EngineClient({ url, secret }), log);
  }
  async start() {
    const until = Date.now() + 15_000;
    while (!(await this.client.health())) {
      if (Date.now() > until) throw new Error(`The engine at ${this.client.describe()} did not answer /health within 15 seconds.`);
      await sleep(200);
    }
    await this.announceUp();
    this.timer = setInterval(async () => {
      const ok = await this.client.health();
      if (ok && !this.healthy) {
        this.restarts++;
        await this.announceUp();
      } else if (!ok && this.healthy) {
        this.healthy = false;
        this.error = `The engine at ${this.client.describe()} stopped answering /health.`;
      }
    }, 2000);
    this.timer.unref();
  }
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.healthy = false;
    this.client.close();
  }
}

// A real redis-server for the queue-mode suites: started on a free port in a temp dir, nothing
// written to disk (--save '' --appendonly no), stopped after. Never a user's Redis on 6379.
// Where redis-server is missing the suite says so in one line and is skipped, except under CI,
// where a missing server is a failure: CI must not pass by testing nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort } from './io.js';

export interface RedisServer {
  port: number;
  url: string;
  /** The server process (a test may kill it). */
  child: ChildProcess;
  /** Kills the server (SIGKILL) and starts it again on the same port and directory: with `persist`, its data survives. */
  restart(opts?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Append-only file written on every write (as a deployment runs it): a restart keeps the queues. */
  persist?: boolean;
}

/** The redis-server binary: REDIS_SERVER, else the first on PATH, else /usr/bin's. */
export function findRedisServer(): string | undefined {
  const given = process.env.REDIS_SERVER;
  if (given) return existsSync(given) ? given : undefined;
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server');
  }
  return undefined;
}

/** One round trip of PING on a fresh socket; true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ port, host: '127.0.0.1' });
    const end = (ok: boolean) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(500, () => end(false));
    s.once('error', () => end(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => end(d.toString().startsWith('+PONG')));
  });
}

export async function startRedis(bin: string, opts: StartRedisOptions = {}): Promise<RedisServer> {
  let port = await freePort();
  while (port === 6379) port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...(opts.persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])];
  const launch = async (): Promise<{ child: ChildProcess; exited: Promise<void> }> => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`redis-server did not answer PING on port ${port}: ${stderr.trim() || `exit ${child.exitCode}`}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return { child, exited };
  };
  let current = await launch();
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    child: current.child,
    async restart(o = {}) {
      current.child.kill('SIGKILL');
      await current.exited;
      await new Promise((r) => setTimeout(r, o.downMs ?? 0));
      current = await launch();
      server.child = current.child;
    },
    async stop() {
      const { child, exited } = current;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * A describe block with a redis-server of its own (started before its tests, stopped after):
 * `server()` gives it to the tests. Skipped with one line where redis-server is missing, failed
 * instead under CI=true.
 */
export function describeWithRedis(name: string, body: (server: () => RedisServer) => void, opts: StartRedisOptions = {}): void {
  const bin = findRedisServer();
  if (!bin) {
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    if (ci) {
      describe(name, () => {
        it('needs redis-server (CI runs every queue-mode test)', () => {
          throw new Error('redis-server not found (install it: apt-get install -y redis-server, or set REDIS_SERVER)');
        });
      });
    } else {
      console.warn(`${name}: skipped, redis-server not found (install it, or set REDIS_SERVER)`);
      describe.skip(name, () => body(() => undefined as never));
    }
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedis(bin, opts);
    });
    afterAll(async () => server?.stop());
    body(() => {
      if (!server) throw new Error('redis-server not started');
      return server;
    });
  });
}

/** Client connections to the suite's server, made on demand and closed after the describe block. */
export function useRedisClients(server: () => RedisServer): () => Promise<Redis> {
  const clients: Redis[] = [];
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.quit()));
  });
  return async () => {
    const r = new Redis(server().url, { enableOfflineQueue: false, lazyConnect: true });
    await r.connect();
    clients.push(r);
    return r;
  };
}


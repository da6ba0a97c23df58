// /healthz and /metrics (ADR 019), on NEWSBRIEF_HTTP_PORT: served by Bolt's HTTP receiver beside
// /slack/events when Slack runs in HTTP mode (its customRoutes), else by a small node:http server of
// our own. Neither answer carries configuration: no token or secret can leak through them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** discord: ready, or connecting while its gateway (re)connects; off when not configured. */
export type PlatformState = 'ready' | 'connecting' | 'stopped' | 'off';
export type PlatformStates = Record<'discord' | 'slack', PlatformState>;

/** One BullMQ queue's jobs by state (queue mode). */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Redis ('ok', or why not) and each queue's counts: what queue mode adds to /healthz and /metrics. */
export interface QueueStatus {
  redis: 'ok' | string;
  queues: Record<string, QueueCounts>;
}

export interface HttpEndpointsDeps {
  /** A trivial query; throws (or rejects) when the store cannot answer. */
  storeCheck(): Promise<unknown>;
  platforms(): PlatformStates;
  /** The Prometheus exposition; absent: /metrics answers 404. */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** How long the store (and Redis, and the database) may take to answer before it counts as down. */
  storeTimeoutMs?: number;
  /** Queue mode: Redis and the queues (src/jobs/queue-health.ts); Redis down makes /healthz 503. */
  queue?: () => Promise<QueueStatus>;
  /** A database other than the store's own check (queue mode's PostgreSQL): 'ok', or why not; down makes /healthz 503. */
  database?: () => Promise<'ok' | string>;
}

/** The shape of a Bolt custom route (no Bolt import: a process without Slack never loads it). */
export interface HttpRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface HttpEndpoints {
  /** Serves /healthz and /metrics; anything else is 404. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The same two paths as Bolt custom routes. */
  routes: HttpRoute[];
}

export interface Health {
  status: 'ok' | 'error';
  store: 'ok' | 'error';
  /**
   * Why, in one line: the store's error as it came, then `redis: ...` and `database: ...`; any
   * credentials in it (a URL's user:password, password=...) are masked.
   */
  error?: string;
  platforms: PlatformStates;
  uptimeS: number;
  /** Queue mode only. */
  redis?: 'ok' | 'error';
  queues?: Record<string, QueueCounts>;
  database?: 'ok' | 'error';
}

/** One line, no credentials: an error message fit for /healthz (and a log). */
export function safeReason(message: string): string {
  return message
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@')
    .replace(/(password|passwd|pwd|auth|token|secret)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1$2***')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

const messageOf = (err: unknown): string => (err as Error)?.message ?? String(err);

/** `p`, or a rejection once `ms` have passed. */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const METHODS = ['GET', 'HEAD'];

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body); // node drops the body of a HEAD answer itself
}

export function createHttpEndpoints(deps: HttpEndpointsDeps): HttpEndpoints {
  const startedAt = performance.now();
  const timeoutMs = deps.storeTimeoutMs ?? 2_000;

  const health = async (): Promise<Health> => {
    // The checks run side by side: a slow one costs its timeout once, not added to the others.
    const [store, queue, database] = await Promise.all([
      within(Promise.resolve().then(() => deps.storeCheck()), timeoutMs).then(
        () => undefined,
        (err: unknown) => messageOf(err) || 'error',
      ),
      deps.queue
        ? within(deps.queue(), timeoutMs).then(
            (q) => q,
            (err: unknown): QueueStatus => ({ redis: messageOf(err) || 'error', queues: {} }),
          )
        : undefined,
      deps.database
        ? within(deps.database(), timeoutMs).then(
            (d) => d,
            (err: unknown) => messageOf(err) || 'error',
          )
        : undefined,
    ]);
    const reasons: string[] = [];
    if (store !== undefined) reasons.push(store);
    if (queue && queue.redis !== 'ok') reasons.push(`redis: ${queue.redis}`);
    if (database !== undefined && database !== 'ok') reasons.push(`database: ${database}`);
    const uptimeS = Math.floor((performance.now() - startedAt) / 1000);
    return {
      status: reasons.length > 0 ? 'error' : 'ok',
      store: store === undefined ? 'ok' : 'error',
      ...(reasons.length > 0 ? { error: safeReason(reasons.join('; ')) } : {}),
      platforms: deps.platforms(),
      uptimeS,
      ...(queue ? { redis: queue.redis === 'ok' ? ('ok' as const) : ('error' as const), queues: queue.queues } : {}),
      ...(database !== undefined ? { database: database === 'ok' ? ('ok' as const) : ('error' as const) } : {}),
    };
  };

  const healthz = (_req: IncomingMessage, res: ServerResponse): void => {
    void health().then((h) => send(res, h.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(h)));
  };
  const metrics = (_req: IncomingMessage, res: ServerResponse): void => {
    if (!deps.metrics) return send(res, 404, 'text/plain; charset=utf-8', 'metrics are off\n');
    deps.metrics().then(
      (m) => send(res, 200, m.contentType, m.text),
      (err: unknown) => send(res, 500, 'text/plain; charset=utf-8', `metrics failed: ${(err as Error).message}\n`),
    );
  };
  const routes: HttpRoute[] = [
    { path: '/healthz', method: METHODS, handler: healthz },
    { path: '/metrics', method: METHODS, handler: metrics },
  ];

  return {
    routes,
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = routes.find((r) => r.path === path);
      if (!route || !METHODS.includes(req.method ?? '')) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      route.handler(req, res);
    },
  };
}

export interface RunningHttpServer {
  /** The port listened on (the one the system gave when asked for 0). */
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (port 0: any free one) and serves `endpoints` until close(). */
export function listenHttp(endpoints: HttpEndpoints, port: number, host: string): Promise<RunningHttpServer> {
  const server = createServer((req, res) => endpoints.handle(req, res));
  // A scraper's keep-alive connection must not hold the process open at stop.
  server.keepAliveTimeout = 5_000;
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      done({
        port: typeof address === 'object' && address ? address.port : port,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

// /healthz and /metrics (ADR 019), on NEWSBRIEF_HTTP_PORT: served by Bolt's HTTP receiver beside
// /slack/events when Slack runs in HTTP mode (its customRoutes), else by a small node:http server of
// our own. Neither answer carries configuration: no token or secret can leak through them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** discord: ready, or connecting while its gateway (re)connects; off when not configured. */
export type PlatformState = 'ready' | 'connecting' | 'stopped' | 'off';
export type PlatformStates = Record<'discord' | 'slack', PlatformState>;

export interface HttpEndpointsDeps {
  /** A trivial query; throws (or rejects) when the store cannot answer. */
  storeCheck(): Promise<unknown>;
  platforms(): PlatformStates;
  /** The Prometheus exposition; absent: /metrics answers 404. */
  metrics?: () => Promise<{ contentType: string; text: string }>;
  /** How long the store may take to answer before it counts as down. */
  storeTimeoutMs?: number;
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
  /** Why the store check failed. */
  error?: string;
  platforms: PlatformStates;
  uptimeS: number;
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
    let error: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.storeCheck(),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      error = (err as Error).message ?? String(err);
    } finally {
      clearTimeout(timer);
    }
    const uptimeS = Math.floor((performance.now() - startedAt) / 1000);
    return { status: error ? 'error' : 'ok', store: error ? 'error' : 'ok', ...(error ? { error } : {}), platforms: deps.platforms(), uptimeS };
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

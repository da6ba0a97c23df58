// The bot's HTTP side (ADR 019): /healthz and /metrics on NEWSBRIEF_HTTP_PORT. When Slack runs in
// HTTP mode its server already holds that port, so the routes are handed to it (startChatPlatforms);
// otherwise a small server of our own listens there. Either way it closes with the bot.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { OpenServices } from './compose.js';
import type { RunningPlatforms } from './chat-platforms.js';
import { createHttpEndpoints, listenHttp, type HttpEndpointsDeps, type HttpRoute, type RunningHttpServer } from './http-endpoints.js';

export interface BotHttp {
  /** For startChatPlatforms: Slack's HTTP mode serves these beside /slack/events. */
  routes: HttpRoute[];
  /** After the platforms started: listens on our own server unless Slack's already serves the routes. */
  start(platforms: RunningPlatforms | undefined): Promise<void>;
  close(): Promise<void>;
}

/** `queueMode`: Redis and the queues, and the database, reported by /healthz too (queue mode). */
export function createBotHttp(
  config: Pick<Config, 'NEWSBRIEF_HTTP_PORT' | 'NEWSBRIEF_HTTP_HOST' | 'given'>,
  services: OpenServices,
  platforms: () => RunningPlatforms | undefined,
  log: Logger,
  queueMode: Pick<HttpEndpointsDeps, 'queue' | 'database'> = {},
): BotHttp {
  const endpoints = createHttpEndpoints({
    ...(queueMode.queue ? { queue: queueMode.queue } : {}),
    ...(queueMode.database ? { database: queueMode.database } : {}),
    // The cheapest read there is (max of the primary key): it proves the connection answers.
    storeCheck: () => services.store.lastArticleId(),
    platforms: () => platforms()?.status() ?? { discord: 'off', slack: 'off' },
    ...(services.metrics ? { metrics: services.metrics } : {}),
  });
  let server: RunningHttpServer | undefined;
  return {
    routes: endpoints.routes,
    async start(running) {
      if (running?.httpPort !== undefined) {
        log.info({ port: running.httpPort, paths: ['/healthz', '/metrics'] }, 'health and metrics on the Slack HTTP port');
        return;
      }
      const chosen = config.given?.has('NEWSBRIEF_HTTP_PORT') ?? true;
      let taken = false;
      server = await listenHttp(endpoints, config.NEWSBRIEF_HTTP_PORT, config.NEWSBRIEF_HTTP_HOST).catch((err: NodeJS.ErrnoException) => {
        // The default port taken by something else on a developer's machine must not stop
        // `npm start`: it runs without the endpoints, and says so. A port the operator chose must be had.
        if (err.code === 'EADDRINUSE' && !chosen) {
          taken = true;
          return undefined;
        }
        // Said in the terms the operator sets: the variable, not a socket error.
        if (err.code === 'EADDRINUSE') throw new Error(`NEWSBRIEF_HTTP_PORT=${config.NEWSBRIEF_HTTP_PORT} is in use on ${config.NEWSBRIEF_HTTP_HOST} (it serves /healthz and /metrics): free it, or set another port (0: any free one)`);
        throw err;
      });
      if (!server) {
        if (taken) log.warn({ port: config.NEWSBRIEF_HTTP_PORT }, `port ${config.NEWSBRIEF_HTTP_PORT} (the default NEWSBRIEF_HTTP_PORT) is in use: running without /healthz and /metrics; set NEWSBRIEF_HTTP_PORT to serve them`);
        return;
      }
      log.info({ port: server.port, host: config.NEWSBRIEF_HTTP_HOST, paths: ['/healthz', '/metrics'] }, `health and metrics listening on port ${server.port}`);
    },
    async close() {
      await server?.close();
      server = undefined;
    },
  };
}

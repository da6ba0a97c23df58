// A local stand-in for Discord, for the end-to-end tests and the chat bench (never production):
// the REST routes and the gateway the real discord.js Client uses, on 127.0.0.1. It records every
// request (method, path, headers, JSON body, arrival time) and lets the caller dispatch
// INTERACTION_CREATE as the gateway would (payloads from `interactionPayload`). Only what the bot
// needs is spoken; anything else answers 404 so a missing route shows up in the test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  /** Decoded path below the API root, without the version: `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

/** A failure `POST /channels/:id/messages` answers instead of making the message (tests only). */
export interface PostFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer every post with this until cleared, instead of once. */
  sticky?: boolean;
}

/**
 * Discord's limits, enforced as Discord does (bench and tests): a global count per second over all
 * requests to channels, answered with a global 429 past it; and a per-channel bucket on message
 * posts, announced in X-RateLimit-* headers and answered with a 429 once spent.
 */
export interface DiscordLimits {
  /** Requests per moving second before a global 429 (Discord: 50). */
  globalPerSecond?: number;
  /** Message posts per channel per window (Discord: 5 per 5 s). */
  perChannel?: { limit: number; windowMs: number };
  /** Time taken to answer a channel request, as a real round trip takes. */
  latencyMs?: number;
}

export interface DiscordServer {
  /** The REST root to give discord.js (`rest.api`): `http://127.0.0.1:PORT/api`. */
  api: string;
  applicationId: string;
  requests: RecordedRequest[];
  /** Resolves when the client has identified and received READY. */
  ready: Promise<void>;
  /** The token the client identified with. */
  identifiedToken(): string | undefined;
  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void;
  /** Messages created in channels (`POST /channels/:id/messages`), once per enforced nonce. */
  channelMessages: Array<{ channelId: string; id: string; body: any }>;
  /**
   * Failures to answer, in order, for posts to a channel: `failPosts(id, {status: 429, headers:
   * {'retry-after': '30'}, body: {retry_after: 30, global: false, message: '...'}})`. Each answer
   * is used once (a sticky one until `failPosts(id)` clears the channel).
   */
  failPosts(channelId: string, ...answers: PostFailure[]): void;
  /** Threads started from a message (`POST /channels/:id/messages/:mid/threads`): the thread is a channel. */
  threads: Array<{ parentId: string; messageId: string; id: string; name: string }>;
  /** The 429s answered under `limits`, global and per channel. */
  rateLimited: { global: number; route: number };
  /** Resolves with the first request (from now or already recorded after `since`) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs?: number, since?: number): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export const BOT_USER = { id: '900000000000000001', username: 'newsbrief', discriminator: '0', global_name: null, avatar: null, bot: true };

function message(appId: string, body: any, id: string, channelId = '700000000000000001'): Record<string, unknown> {
  return {
    id,
    channel_id: channelId,
    author: BOT_USER,
    content: body?.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    pinned: false,
    type: 20,
    flags: body?.flags ?? 0,
    application_id: appId,
    webhook_id: appId,
  };
}

export async function startDiscordServer(opts: { applicationId?: string; limits?: DiscordLimits } = {}): Promise<DiscordServer> {
  const limits = opts.limits ?? {};
  const globalTimes: number[] = [];
  let globalHead = 0;
  const channelTimes = new Map<string, number[]>();
  const rateLimited = { global: 0, route: 0 };
  const threads: DiscordServer['threads'] = [];
  const applicationId = opts.applicationId ?? '800000000000000001';
  const requests: RecordedRequest[] = [];
  const waiters: Array<{ match: (r: RecordedRequest) => boolean; done: (r: RecordedRequest) => void }> = [];
  const sockets = new Set<WebSocket>();
  let token: string | undefined;
  let seq = 0;
  let nextId = 1;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const registered = new Map<string, unknown[]>();
  const channelMessages: DiscordServer['channelMessages'] = [];
  const postFailures = new Map<string, PostFailure[]>();

  const record = (r: RecordedRequest): void => {
    requests.push(r);
    for (const w of [...waiters]) {
      if (w.match(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(r);
      }
    }
  };

  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  let gatewayUrl = '';
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (limits.latencyMs && req.url?.includes('/channels/')) setTimeout(answer, limits.latencyMs);
      else answer();
    });
    const answer = (): void => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const method = req.method ?? 'GET';
      record({ method, path, query: url.searchParams, headers: req.headers, body, at: Date.now() });
      let m: RegExpExecArray | null;
      if (method === 'GET' && path === '/gateway/bot') {
        return send(res, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
      }
      if (method === 'GET' && path === '/gateway') return send(res, 200, { url: gatewayUrl });
      if (method === 'POST' && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) return send(res, 204);
      if ((m = /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
        if (method === 'PATCH' || method === 'GET') return send(res, 200, message(m[1]!, body, String(nextId++)));
        if (method === 'DELETE') return send(res, 204);
      }
      if (method === 'POST' && (m = /^\/webhooks\/([^/]+)\/([^/]+)$/.exec(path))) return send(res, 200, message(m[1]!, body, String(nextId++)));
      if ((m = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/.exec(path))) {
        const key = m[2] ? `guild:${m[2]}` : 'global';
        if (method === 'PUT') {
          const list = (Array.isArray(body) ? body : []).map((c: any, i: number) => ({ id: String(1000 + i), application_id: m![1], version: '1', ...c }));
          registered.set(key, list);
          return send(res, 200, list);
        }
        if (method === 'GET') return send(res, 200, registered.get(key) ?? []);
      }
      if (path.startsWith('/channels/') && limits.globalPerSecond) {
        // A moving second: the requests accepted in the last 1,000 ms.
        const now = Date.now();
        while (globalHead < globalTimes.length && globalTimes[globalHead]! <= now - 1000) globalHead++;
        if (globalTimes.length - globalHead >= limits.globalPerSecond) {
          rateLimited.global++;
          const retryAfter = (globalTimes[globalHead]! + 1000 - now) / 1000;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.max(1, Math.ceil(retryAfter))), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
          res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: true }));
          return;
        }
        globalTimes.push(now);
        if (globalHead > 10_000) {
          globalTimes.splice(0, globalHead);
          globalHead = 0;
        }
      }
      if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
        // As Discord does: the thread takes the message's id, and a message has one thread at most.
        const id = m[2]!;
        if (threads.some((t) => t.id === id)) return send(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
        threads.push({ parentId: m[1]!, messageId: m[2]!, id, name: String(body?.name ?? '') });
        return send(res, 201, { id, type: 11, parent_id: m[1], guild_id: '400000000000000001', name: body?.name ?? '', owner_id: BOT_USER.id });
      }
      if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path)) && limits.perChannel) {
        const { limit, windowMs } = limits.perChannel;
        const now = Date.now();
        const times = (channelTimes.get(m[1]!) ?? []).filter((t) => t > now - windowMs);
        const resetAfter = times.length ? (times[0]! + windowMs - now) / 1000 : windowMs / 1000;
        const bucket = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-bucket': 'channel-messages', 'x-ratelimit-reset-after': resetAfter.toFixed(3), 'x-ratelimit-scope': 'user' };
        if (times.length >= limit) {
          rateLimited.route++;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-remaining': '0', ...bucket });
          res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: resetAfter, global: false }));
          return;
        }
        times.push(now);
        channelTimes.set(m[1]!, times);
        res.setHeader('x-ratelimit-remaining', String(limit - times.length));
        for (const [k, v] of Object.entries(bucket)) res.setHeader(k, v);
      }
      if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
        // As Discord does: with enforce_nonce, a nonce already used in this channel (recently)
        // answers the message it made, and makes no second one.
        const channelId = m[1]!;
        const failures = postFailures.get(channelId);
        const failure = failures?.[0];
        if (failure) {
          if (!failure.sticky) failures!.shift();
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.headers ?? {}) });
          res.end(JSON.stringify(failure.body ?? { message: 'failure', code: 0 }));
          return;
        }
        const again = body?.enforce_nonce && body?.nonce !== undefined ? channelMessages.find((x) => x.channelId === channelId && x.body?.nonce === body.nonce) : undefined;
        if (again) return send(res, 200, message(applicationId, again.body, again.id, channelId));
        const id = String(nextId++);
        channelMessages.push({ channelId, id, body });
        return send(res, 200, message(applicationId, body, id, channelId));
      }
      if (method === 'GET' && path === '/users/@me') return send(res, 200, BOT_USER);
      if (method === 'GET' && /^\/applications\/(@me|[^/]+)$/.test(path)) return send(res, 200, { id: applicationId, name: 'newsbrief', flags: 0 });
      return send(res, 404, { message: '404: Not Found', code: 0 });
    };
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', r));
  gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (data) => {
      let p: { op: number; d: any };
      try {
        p = JSON.parse(String(data));
      } catch {
        return;
      }
      if (p.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (p.op === 2) {
        token = p.d?.token;
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++seq,
            d: {
              v: 10,
              user: BOT_USER,
              guilds: [],
              session_id: 'local-session',
              resume_gateway_url: gatewayUrl,
              shard: [0, 1],
              application: { id: applicationId, flags: 0 },
            },
          }),
        );
        markReady();
      }
    });
  });

  return {
    api: `http://127.0.0.1:${port}/api`,
    applicationId,
    requests,
    channelMessages,
    threads,
    rateLimited,
    failPosts(channelId, ...answers) {
      if (answers.length === 0) postFailures.delete(channelId);
      else postFailures.set(channelId, [...(postFailures.get(channelId) ?? []), ...answers]);
    },
    ready,
    identifiedToken: () => token,
    dispatch(t, d) {
      const frame = JSON.stringify({ op: 0, t, s: ++seq, d });
      for (const ws of sockets) ws.send(frame);
    },
    waitFor(match, timeoutMs = 10_000, since = 0) {
      const found = requests.find((r) => r.at >= since && match(r));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = {
          match,
          done: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

// Gateway payloads to dispatch: an INTERACTION_CREATE as Discord sends it, with the fields
// discord.js needs (platform notes) and a guild member with or without Manage Server.
let counter = 0;

export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
}

export function interactionPayload(
  applicationId: string,
  data: { name: string; options?: OptionPayload[]; type?: number; targetId?: string; resolved?: unknown },
  opts: { kind?: 2 | 4; permissions?: string; userId?: string; channelId?: string; guildId?: string } = {},
): any {
  const n = ++counter;
  const guild = opts.guildId ?? '400000000000000001';
  const channel = opts.channelId ?? '700000000000000001';
  const user = { id: opts.userId ?? '600000000000000001', username: 'reader', discriminator: '0', global_name: 'Reader', avatar: null };
  return {
    id: String(500000000000000000n + BigInt(n)),
    application_id: applicationId,
    type: opts.kind ?? 2,
    token: `itoken-${n}`,
    version: 1,
    guild_id: guild,
    channel_id: channel,
    channel: { id: channel, type: 0, guild_id: guild, name: 'news' },
    member: { user, roles: [], permissions: opts.permissions ?? '0', joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild },
    context: 0,
    data: {
      id: String(300000000000000000n + BigInt(n)),
      name: data.name,
      type: data.type ?? 1,
      ...(data.options ? { options: data.options } : {}),
      ...(data.targetId ? { target_id: data.targetId } : {}),
      ...(data.resolved ? { resolved: data.resolved } : {}),
    },
  };
}

// A small stand-in for Slack on 127.0.0.1 (tests and the fan-out bench, never production), speaking
// the protocol the real Bolt App uses: the Web API (auth.test, users.info, apps.connections.open,
// chat.postMessage with thread_ts, conversations.history), response_url endpoints that record what
// the bot answered, and a Socket Mode websocket (RFC 6455 by hand: text frames, ping/pong, close).
// With `perChannelIntervalMs` it answers 429 to a message posted sooner than that after the
// previous one in the same channel, as Slack does past about one message a second.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface Recorded {
  path: string;
  at: number;
  body: { response_type?: string; text: string; blocks: Array<{ type: string; text?: { type: string; text: string; verbatim?: boolean }; elements?: Array<{ type: string; text: string; verbatim?: boolean }> }>; replace_original?: boolean };
}

export interface SlackPostFailure {
  error?: string;
  status?: number;
  retryAfter?: number;
  sticky?: boolean;
}

export interface LocalSlack {
  port: number;
  apiUrl: string;
  /** Answers posted to /respond/<key>. */
  responses: Recorded[];
  /** Web API calls: method and form fields. */
  calls: Array<{ method: string; fields: Record<string, string> }>;
  /** Messages made by chat.postMessage, oldest first (conversations.history answers from them). */
  posted: Array<{ channel: string; ts: string; text: string; metadata?: unknown; threadTs?: string; at: number }>;
  /** 429s answered for posting too fast in one channel (`perChannelIntervalMs`). */
  rateLimited: number;
  /**
   * Failures chat.postMessage answers for a channel instead of posting, in order, each once (a
   * sticky one until `failPosts(channel)` clears): `{error: 'channel_not_found'}` answers
   * `{ok: false, error}`; `{status: 429, retryAfter: 30}` a 429 with Retry-After.
   */
  failPosts(channel: string, ...answers: SlackPostFailure[]): void;
  /** Users known to users.info, with their flags. */
  users: Map<string, { is_admin?: boolean; is_owner?: boolean }>;
  /** Frames the socket-mode client sent (parsed JSON). */
  socketIn: unknown[];
  /** Sends a JSON frame to every connected socket-mode client. */
  socketSend(msg: unknown): void;
  socketConnected(): Promise<void>;
  waitFor<T>(check: () => T | undefined, ms?: number): Promise<T>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function frame(text: string, opcode = 0x1): Buffer {
  const data = Buffer.from(text, 'utf8');
  const n = data.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([head, data]);
}

/** Reads client frames (always masked) from a buffer; returns the frames and what is left. */
function readFrames(buf: Buffer): { frames: Array<{ opcode: number; data: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; data: Buffer }> = [];
  let off = 0;
  for (;;) {
    if (buf.length - off < 2) break;
    const opcode = buf[off]! & 0x0f;
    let len = buf[off + 1]! & 0x7f;
    let p = off + 2;
    if (len === 126) {
      if (buf.length - p < 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length - p < 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    if (buf.length - p < 4 + len) break;
    const mask = buf.subarray(p, p + 4);
    const data = Buffer.from(buf.subarray(p + 4, p + 4 + len));
    for (let i = 0; i < data.length; i++) data[i]! ^= mask[i % 4]!;
    frames.push({ opcode, data });
    off = p + 4 + len;
  }
  return { frames, rest: buf.subarray(off) };
}

/** A news page for "Brief this link", with text that tries to ping and link. */
const ARTICLE_HTML = `<!doctype html><html><head><title>Harbour reopens after storm &lt;!channel&gt;</title>
<meta property="article:published_time" content="2026-06-04T09:00:00Z"><meta property="og:site_name" content="Coast Daily"></head>
<body><article><h1>Harbour reopens after storm &lt;!channel&gt;</h1>
<p>The port authority reopened the northern harbour on Thursday after a three-day closure caused by the storm, officials said. @everyone should read this.</p>
<p>Harbour master Lena Ortiz said 40 ships had waited offshore and that pilots would bring them in over the next two days &lt;@U123&gt;.</p>
<p>The closure cost shipping companies an estimated 12 million euros, according to the regional chamber of commerce &lt;http://evil.example|click here&gt;.</p>
<p>Engineers found no structural damage to the quays, but two cranes will stay out of service until inspections finish next week.</p>
</article></body></html>`;

export interface LocalSlackOptions {
  /** The least time between two messages in one channel; a quicker one gets a 429 with Retry-After: 1. */
  perChannelIntervalMs?: number;
}

/** Time a post may come early, for the round trip's jitter: Slack does not count to the millisecond either. */
const JITTER_MS = 50;

export async function startLocalSlack(opts: LocalSlackOptions = {}): Promise<LocalSlack> {
  const lastPost = new Map<string, number>();
  const state = { rateLimited: 0 };
  const responses: Recorded[] = [];
  const calls: LocalSlack['calls'] = [];
  const posted: LocalSlack['posted'] = [];
  const users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  const socketIn: unknown[] = [];
  const postFailures = new Map<string, SlackPostFailure[]>();
  const sockets = new Set<Duplex>();
  let onConnect: (() => void) | undefined;
  let connected = false;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0]!;
    const json = (status: number, obj: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    if (path.startsWith('/article/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(ARTICLE_HTML);
    }
    if (path.startsWith('/respond/')) {
      responses.push({ path, at: Date.now(), body: JSON.parse(body) });
      return json(200, { ok: true });
    }
    if (path.startsWith('/api/')) {
      const method = path.slice(5);
      const fields = Object.fromEntries(new URLSearchParams(req.headers['content-type']?.includes('json') ? '' : body));
      calls.push({ method, fields });
      if (method === 'auth.test') return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'newsbrief', team: 'Test' });
      if (method === 'users.info') {
        const u = users.get(fields.user ?? '');
        return u ? json(200, { ok: true, user: { id: fields.user, ...u } }) : json(200, { ok: false, error: 'user_not_found' });
      }
      if (method === 'chat.postMessage') {
        const failures = postFailures.get(fields.channel ?? '');
        const failure = failures?.[0];
        if (failure) {
          if (!failure.sticky) failures!.shift();
          if (failure.status && failure.status !== 200) {
            res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}) });
            return res.end(JSON.stringify({ ok: false, error: failure.error ?? 'ratelimited' }));
          }
          return json(200, { ok: false, error: failure.error ?? 'internal_error' });
        }
        const now = Date.now();
        if (opts.perChannelIntervalMs) {
          const last = lastPost.get(fields.channel ?? '');
          if (last !== undefined && now - last < opts.perChannelIntervalMs - JITTER_MS) {
            state.rateLimited++;
            res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
            return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          }
          lastPost.set(fields.channel ?? '', now);
        }
        const ts = `${1_700_000_000 + calls.length}.${String(calls.length).padStart(6, '0')}`;
        const metadata = fields.metadata ? JSON.parse(fields.metadata) : undefined;
        posted.push({ channel: fields.channel ?? '', ts, text: fields.text ?? '', at: now, ...(metadata ? { metadata } : {}), ...(fields.thread_ts ? { threadTs: fields.thread_ts } : {}) });
        return json(200, { ok: true, channel: fields.channel, ts, message: { text: fields.text, ts } });
      }
      if (method === 'conversations.history') {
        // Newest first, with metadata only when asked for (as Slack does).
        const withMeta = fields.include_all_metadata === 'true';
        const messages = posted
          .filter((m) => m.channel === fields.channel && !m.threadTs)
          .reverse()
          .slice(0, Number(fields.limit ?? 100))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return json(200, { ok: true, messages, has_more: false });
      }
      if (method === 'conversations.replies') {
        // The thread's parent first, then its replies, oldest first (as Slack does).
        const withMeta = fields.include_all_metadata === 'true';
        const messages = posted
          .filter((m) => m.channel === fields.channel && (m.ts === fields.ts || m.threadTs === fields.ts))
          .slice(0, Number(fields.limit ?? 100))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(m.threadTs ? { thread_ts: m.threadTs } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return json(200, { ok: true, messages, has_more: false });
      }
      if (method === 'apps.connections.open') return json(200, { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t1` });
      return json(200, { ok: false, error: 'unknown_method' });
    }
    json(404, { ok: false });
  });

  server.on('upgrade', (req, socket: Duplex) => {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    let buf: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([buf, chunk]));
      buf = rest;
      for (const f of frames) {
        if (f.opcode === 0x1) socketIn.push(JSON.parse(f.data.toString('utf8')));
        else if (f.opcode === 0x9) socket.write(frame(f.data.toString('utf8'), 0xa));
        else if (f.opcode === 0x8) {
          socket.end(frame('', 0x8));
          sockets.delete(socket);
        }
      }
    });
    socket.on('error', () => sockets.delete(socket));
    socket.on('close', () => sockets.delete(socket));
    socket.write(frame(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local' }, connection_info: { app_id: 'A1' } })));
    connected = true;
    onConnect?.();
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;

  const waitFor = async <T,>(check: () => T | undefined, ms = 10_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    port,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responses,
    calls,
    posted,
    get rateLimited() {
      return state.rateLimited;
    },
    failPosts(channel, ...answers) {
      if (answers.length === 0) postFailures.delete(channel);
      else postFailures.set(channel, [...(postFailures.get(channel) ?? []), ...answers]);
    },
    users,
    socketIn,
    socketSend: (msg) => {
      for (const s of sockets) s.write(frame(JSON.stringify(msg)));
    },
    socketConnected: () => (connected ? Promise.resolve() : new Promise<void>((ok) => (onConnect = ok))),
    waitFor,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** Slack's v0 request signature: hex HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

// A local OpenAI-compatible server for the engine's tests (node:http on 127.0.0.1): answers
// POST /v1/chat/completions as the platform notes describe, from a queue of scripted replies, and
// records every request so the tests can assert what was sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  temperature?: number;
  [k: string]: unknown;
}

export type Reply =
  | { answer: unknown; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { raw: string }
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { hang: true }
  /** A grounded answer built from the passages the request carried: each of the first ones verbatim, citing its source. */
  | { echoPassages: true }
  /** A grounded /actor or /phase summary built from the <passage n> blocks the request carried. */
  | { echoAnswer: true };

/** What a faithful model could answer: passages sent, copied word for word and cited. */
export function answerFromPassages(request: ChatRequest): unknown {
  const user = request.messages.filter((m) => m.role === 'user')[0]?.content ?? '';
  const passages = [...user.matchAll(/^\[(\d+)\.\d+\] (.+)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
  const title = /^title: (.+)$/m.exec(user)?.[1] ?? 'Briefing';
  return {
    headline: title,
    lede: passages[0]?.text ?? '',
    takeaways: passages.slice(1, 5).map((p) => ({ text: p.text, sources: [p.n] })),
    whyItMatters: '',
  };
}

/** The numbered <passage n> blocks of an /actor or /phase summary request, as sent (fenced text). */
export function passagesOf(request: ChatRequest): Array<{ n: number; label: string; text: string }> {
  const user = request.messages.filter((m) => m.role === 'user')[0]?.content ?? '';
  return [...user.matchAll(/^<passage n="(\d+)" label="([^"]*)"[^\n]*>\n(.+)\n<\/passage>$/gm)].map((m) => ({ n: Number(m[1]), label: m[2]!, text: m[3]! }));
}

/** What a faithful model could answer to a summary request: the first passage as the summary, the next two as points. */
export function summaryFromPassages(request: ChatRequest): unknown {
  const passages = passagesOf(request);
  return { summary: passages[0]?.text ?? '', points: passages.slice(1, 3).map((p) => ({ text: p.text, cites: [p.n] })) };
}

export interface FakeOpenAI {
  baseURL: string;
  requests: ChatRequest[];
  /** Replies for the next requests, in order; when none is left, `fallback` answers. */
  queue: Reply[];
  fallback: Reply;
  close(): Promise<void>;
}

export function completion(content: string, usage = { prompt_tokens: 120, completion_tokens: 60 }): unknown {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_780_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export async function startFakeOpenAI(fallback: Reply = { status: 500, body: { error: { message: 'no reply scripted' } } }): Promise<FakeOpenAI> {
  const requests: ChatRequest[] = [];
  const queue: Reply[] = [];
  const hanging = new Set<ServerResponse>();
  const fake: FakeOpenAI = { baseURL: '', requests, queue, fallback, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      requests.push(body);
      const reply = queue.shift() ?? fake.fallback;
      if ('hang' in reply) {
        hanging.add(res);
        return;
      }
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}` } }));
        return;
      }
      const content = 'raw' in reply ? reply.raw : JSON.stringify('echoPassages' in reply ? answerFromPassages(body) : 'echoAnswer' in reply ? summaryFromPassages(body) : reply.answer);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(content, 'usage' in reply && reply.usage ? reply.usage : undefined)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  fake.baseURL = `http://127.0.0.1:${port}/v1`;
  fake.close = () =>
    new Promise<void>((done) => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      server.close(() => done());
    });
  return fake;
}

// `npm run bench:openai` (and part of `npm run bench`): the OpenAI engine, with the real openai SDK
// over HTTP, against a local OpenAI-compatible server, on a synthetic archive of stories of about 4
// articles each. Measures what issue 11 asks of it: input tokens per briefing against sending every
// article whole, calls per story, calls on a second run over the unchanged archive, the share of
// accepted briefings that pass the grounding check, and, with a sloppy model that invents figures
// and names now and then, the share re-asked and the share that fell back.
// Flags: --stories N (default 1000), --quick (100 stories).
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BriefingArticle } from '../domain/types.js';
import { createOpenAIEngine, OFFLINE } from '../engines/openai/engine.js';
import { estimateTokens } from '../brief/passages.js';
import { verifyBriefing } from '../brief/verify.js';
import { createSqliteStore } from '../store/sqlite-store.js';
import { createSqliteBriefingCache } from '../store/sqlite-briefing-cache.js';
import { synthArticles } from './synth.js';
import { recordSummary } from './summary.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const STORIES = Number(flag('--stories') ?? (args.includes('--quick') ? 100 : 1000));

/** Stories of about 4 articles (1 to 7), ~5 KB each (the synthetic default), from the deterministic synthetic stream. */
function archive(n: number): BriefingArticle[][] {
  const stories = new Map<number, BriefingArticle[]>();
  let id = 0;
  for (const a of synthArticles({ seed: 11, perEvent: 3.5, bytes: 5000 })) {
    if (!stories.has(a.eventId)) {
      if (stories.size === n) break;
      stories.set(a.eventId, []);
    }
    stories.get(a.eventId)!.push({ id: ++id, title: a.title, outlet: a.outlet, url: a.url, publishedAt: a.publishedAt, text: a.text });
  }
  return [...stories.values()];
}

type Mode = 'faithful' | 'sloppy';

/** A local model: copies passages it was sent and cites them; the sloppy one sometimes invents. */
async function startModel(): Promise<{ baseURL: string; calls: () => number; inputTokens: number[]; mode: { value: Mode }; close(): Promise<void> }> {
  let calls = 0;
  const inputTokens: number[] = [];
  const mode = { value: 'faithful' as Mode };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: Array<{ role: string; content: string }> };
      const sent = body.messages.map((m) => m.content).join('\n');
      inputTokens.push(estimateTokens(sent));
      const user = body.messages.find((m) => m.role === 'user')!.content;
      const passages = [...user.matchAll(/^\[(\d+)\.\d+\] (.+)$/gm)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
      const takeaways = passages.slice(1, 5).map((p) => ({ text: p.text, sources: [p.n] }));
      // Sloppy: 1 call in 10 invents a figure in one point; 1 in 30 invents every point. Re-asks too.
      if (mode.value === 'sloppy' && calls % 10 === 3 && takeaways[0]) takeaways[0] = { ...takeaways[0], text: `${takeaways[0].text} Losses reached 987,654 units.` };
      if (mode.value === 'sloppy' && calls % 30 < 2) for (const t of takeaways) t.text = `Zorblax Quint said ${t.text.length * 7919} units were lost.`;
      const answer = { headline: /^title: (.+)$/m.exec(user)?.[1] ?? 'Briefing', lede: passages[0]?.text ?? '', takeaways, whyItMatters: '' };
      const out = estimateTokens(JSON.stringify(answer));
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${calls}`,
          object: 'chat.completion',
          created: 0,
          model: 'bench-model',
          choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer), refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: estimateTokens(sent), completion_tokens: out, total_tokens: estimateTokens(sent) + out },
        }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { baseURL: `http://127.0.0.1:${port}/v1`, calls: () => calls, inputTokens, mode, close: () => new Promise((done) => server.close(() => done())) };
}

async function main(): Promise<void> {
  const stories = archive(STORIES);
  const articles = stories.reduce((n, s) => n + s.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-bench-openai-'));
  const model = await startModel();
  try {
    const path = join(dir, 'bench.db');
    const store = createSqliteStore(path);
    await store.init();
    const cache = createSqliteBriefingCache(path);
    const make = (c = cache) => createOpenAIEngine({ baseURL: model.baseURL, model: 'bench-model', timeoutMs: 10_000, maxInputTokens: 1_500, cache: c, usage: c, maxRetries: 0 });
    const sources = (s: BriefingArticle[]) => [...s].sort((a, b) => Date.parse(a.publishedAt!) - Date.parse(b.publishedAt!) || a.id - b.id).map((a, i) => ({ n: i + 1, url: a.url, title: a.title, outlet: a.outlet!, text: a.text }));

    console.log(`OpenAI engine bench: ${stories.length} stories, ${articles} articles (${(articles / stories.length).toFixed(1)} a story), local OpenAI-compatible server`);
    // Run 1: a faithful model, an empty cache.
    let t0 = performance.now();
    const engine = make();
    let grounded = 0;
    let offline = 0;
    let whole = 0;
    for (const s of stories) {
      const b = await engine.brief({ articles: s });
      if (b.note) offline++;
      else if (verifyBriefing(b, sources(s)).failures.length === 0) grounded++;
      whole += s.reduce((n, a) => n + estimateTokens(`${a.title}\n${a.text}`), 0);
    }
    const run1 = performance.now() - t0;
    const calls1 = model.calls();
    const sent = model.inputTokens.reduce((a, b) => a + b, 0);
    const perBriefing = sent / calls1;
    const wholePer = whole / stories.length;
    // Run 2: the same archive again, a new engine (another process) over the same cache.
    t0 = performance.now();
    for (const s of stories) await make().brief({ articles: s });
    const run2 = performance.now() - t0;
    const calls2 = model.calls() - calls1;

    // Run 3: a sloppy model, a fresh cache.
    model.mode.value = 'sloppy';
    const path3 = join(dir, 'bench3.db');
    const store3 = createSqliteStore(path3);
    await store3.init();
    const cache3 = createSqliteBriefingCache(path3);
    const sloppy = make(cache3);
    const before3 = model.calls();
    let fellBack = 0;
    let accepted = 0;
    let acceptedGrounded = 0;
    for (const s of stories) {
      const b = await sloppy.brief({ articles: s });
      if (b.note === OFFLINE.ungrounded || b.note) fellBack++;
      else {
        accepted++;
        if (verifyBriefing(b, sources(s)).failures.length === 0) acceptedGrounded++;
      }
    }
    const calls3 = model.calls() - before3;

    const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
    const lines: Array<[string, string]> = [
      ['input tokens per briefing', `${Math.round(perBriefing)} (max ${Math.max(...model.inputTokens.slice(0, calls1))}) vs ${Math.round(wholePer)} sending every article whole: ${(perBriefing / wholePer).toFixed(2)}x`],
      ['calls per story (first run)', `${(calls1 / stories.length).toFixed(2)} (${calls1} calls, ${stories.length} stories, ${(run1 / 1000).toFixed(1)} s)`],
      ['calls on a second run, unchanged archive', `${calls2} (${(run2 / 1000).toFixed(1)} s)`],
      ['accepted briefings passing the grounding check', `${pct(grounded, stories.length - offline)} (${grounded} of ${stories.length - offline}; ${offline} fell back)`],
      ['sloppy model: calls per story (re-asks included)', (calls3 / stories.length).toFixed(2)],
      ['sloppy model: fell back to extractive', `${pct(fellBack, stories.length)} (${fellBack} of ${stories.length})`],
      ['sloppy model: accepted briefings grounded', `${pct(acceptedGrounded, accepted)} (${acceptedGrounded} of ${accepted})`],
    ];
    const w = Math.max(...lines.map(([l]) => l.length));
    for (const [label, value] of lines) {
      console.log(`  ${label.padEnd(w)}  ${value}`);
      recordSummary('openai', label, value);
    }
    await cache.close();
    await cache3.close();
    await store.close();
    await store3.close();
  } finally {
    await model.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

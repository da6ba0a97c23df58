// The figures `npm run bench` prints side by side at the end: each part of the bench runs in a
// process of its own and appends its headline figures, one JSON line each, to the file named by
// NEWSBRIEF_BENCH_SUMMARY (set by all.ts; unset when a part runs alone, then nothing is written).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface SummaryLine {
  part: 'pipeline' | 'cli' | 'queries' | 'chat' | 'fanout' | 'openai' | 'queue';
  label: string;
  value: string;
}

export function recordSummary(part: SummaryLine['part'], label: string, value: string): void {
  const file = process.env.NEWSBRIEF_BENCH_SUMMARY;
  if (file) appendFileSync(file, `${JSON.stringify({ part, label, value } satisfies SummaryLine)}\n`);
}

export function readSummary(file: string): SummaryLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as SummaryLine);
}

/** The summary as aligned rows, grouped by part in the order pipeline, CLI, queries, chat. */
export function formatSummary(lines: readonly SummaryLine[]): string {
  const names: Record<SummaryLine['part'], string> = {
    pipeline: 'pipeline only (drafts straight into the pipeline)',
    cli: '`newsbrief ingest` through the CLI (whole process)',
    queries: 'queries',
    chat: 'chat: concurrent slash commands to the Discord bot (local Discord)',
    fanout: 'fan-out: one digest to every subscribed channel (`npm start`, local Discord and Slack enforcing their limits)',
    openai: 'OpenAI engine (real SDK, local OpenAI-compatible server)',
    queue: 'queue mode (`newsbrief worker` processes on a redis-server of the bench\'s own)',
  };
  const w = Math.max(0, ...lines.map((l) => l.label.length));
  const out: string[] = ['', 'summary'];
  for (const part of ['pipeline', 'cli', 'queries', 'chat', 'fanout', 'openai', 'queue'] as const) {
    const rows = lines.filter((l) => l.part === part);
    if (!rows.length) continue;
    out.push(`  ${names[part]}`);
    for (const r of rows) out.push(`    ${r.label.padEnd(w)}  ${r.value}`);
  }
  return out.join('\n');
}

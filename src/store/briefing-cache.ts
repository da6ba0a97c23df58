// Ports for a model engine's memory (issue 11, ADR 020): the briefings it already wrote, keyed by
// the story's content, the prompt version and the model (an unchanged story costs no call), and the
// tokens each call used, per day, model and workspace (the daily budgets and `newsbrief usage`).
// SQLite now (migration 8), in memory for runs without an archive; both held to
// test/store/briefing-cache-contract.ts.
import type { AnswerSummary, Briefing } from '../domain/types.js';

export interface BriefingCache {
  get(key: string): Promise<Briefing | undefined>;
  put(key: string, briefing: Briefing, meta: { model: string; promptVersion: string; at: string }): Promise<void>;
  close(): Promise<void>;
}

/** The /actor and /phase summaries a model wrote, keyed by the answer's content, the prompt version and the model. */
export interface SummaryCache {
  get(key: string): Promise<AnswerSummary | undefined>;
  put(key: string, summary: AnswerSummary, meta: { model: string; promptVersion: string; at: string }): Promise<void>;
}

/**
 * Summaries kept beside the briefings, in the same port (and table): a key hashes its prompt
 * version ("actor.v1", "briefing.v1"), so the two never meet, and both are stored as JSON. A value
 * that is not a summary reads as a miss (one call, never a crash).
 */
export function summaryCacheOf(cache: BriefingCache): SummaryCache {
  return {
    async get(key) {
      const v = (await cache.get(key)) as unknown;
      const s = v as AnswerSummary | undefined;
      return s && typeof s.text === 'string' && Array.isArray(s.points) ? s : undefined;
    },
    put: (key, summary, meta) => cache.put(key, summary as unknown as Briefing, meta),
  };
}

export interface UsageRecord {
  /** When the call ended (ISO); its UTC day is the budget day. */
  at: string;
  model: string;
  /** A chat workspace ("discord:GUILD", "slack:TEAM"); absent for the CLI and the console. */
  workspace?: string;
  tokensIn: number;
  tokensOut: number;
}

export interface UsageRow {
  /** YYYY-MM-DD (UTC). */
  day: string;
  model: string;
  /** "" when the calls were made for no workspace. */
  workspace: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
}

export interface ModelUsage {
  record(r: UsageRecord): Promise<void>;
  /** Tokens (in + out) used on a UTC day, in all or for one workspace. */
  tokensOn(day: string, workspace?: string): Promise<number>;
  /** Totals per day, model and workspace, newest day first; days from `since` (YYYY-MM-DD) on. */
  summary(opts?: { since?: string; limit?: number }): Promise<UsageRow[]>;
  close(): Promise<void>;
}

/** The UTC day of an ISO time: the budget day (one day everywhere, whatever the channel's zone). */
export function usageDay(at: string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Both ports in this process's memory: for `summarize` (no archive) and tests. */
export function createMemoryBriefingCache(): BriefingCache & ModelUsage {
  const briefings = new Map<string, Briefing>();
  const calls: Array<UsageRecord & { day: string }> = [];
  return {
    async get(key) {
      const b = briefings.get(key);
      return b && structuredClone(b);
    },
    async put(key, briefing) {
      briefings.set(key, structuredClone(briefing));
    },
    async record(r) {
      calls.push({ ...r, day: usageDay(r.at) });
    },
    async tokensOn(day, workspace) {
      return calls.filter((c) => c.day === day && (workspace === undefined || (c.workspace ?? '') === workspace)).reduce((n, c) => n + c.tokensIn + c.tokensOut, 0);
    },
    async summary(opts = {}) {
      const rows = new Map<string, UsageRow>();
      for (const c of calls) {
        if (opts.since && c.day < opts.since) continue;
        const k = `${c.day}\u0000${c.model}\u0000${c.workspace ?? ''}`;
        const row = rows.get(k) ?? { day: c.day, model: c.model, workspace: c.workspace ?? '', calls: 0, tokensIn: 0, tokensOut: 0 };
        row.calls++;
        row.tokensIn += c.tokensIn;
        row.tokensOut += c.tokensOut;
        rows.set(k, row);
      }
      return [...rows.values()]
        .sort((a, b) => b.day.localeCompare(a.day) || a.model.localeCompare(b.model) || a.workspace.localeCompare(b.workspace))
        .slice(0, Math.max(1, Math.min(opts.limit ?? 1000, 10_000)));
    },
    async close() {},
  };
}

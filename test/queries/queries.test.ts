import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { leansOnContext } from '../../src/brief/clean.js';
import {
  actorNames, actorQuery, addActorAlias, isActorUnknown, isPhaseCandidates, isPhaseUnknown, phaseNames, phaseQuery,
  timelineQuery, type ActorAnswer, type ActorView, type ArticleSearch, type PhaseView,
} from '../../src/queries/index.js';
import { renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown } from '../../src/render/markdown/queries.js';
import { UserError } from '../../src/domain/errors.js';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createSqliteArticleSearch } from '../../src/store/sqlite-article-search.js';
import { useGazaSearch } from './fixture-db.js';

const getSearch = useGazaSearch();
let search: ArticleSearch;
beforeAll(() => {
  search = getSearch();
});

async function actor(name: string): Promise<ActorView> {
  const a = await actorQuery(search, name);
  if (isActorUnknown(a)) throw new Error(`unknown: ${JSON.stringify(a)}`);
  return a;
}

function textsOf(a: ActorView): string[] {
  return [...a.activity.map((x) => x.text), ...a.stance.map((x) => x.text)];
}

describe('actorQuery', () => {
  it('Hamas: the Cairo delegation led by Khalil al-Hayya, no disarmament talk before phase one is honoured, a unified front', async () => {
    const a = await actor('Hamas');
    expect(a.kind).toBe('group');
    expect(a.people.map((p) => p.name)).toContain('Khalil al-Hayya');
    const texts = textsOf(a);
    expect(texts.some((t) => /delegation led by Khalil al-Hayya/.test(t))).toBe(true);
    expect(texts.some((t) => /will not discuss its arsenal .* until phase one has been fully honoured/.test(t))).toBe(true);
    expect(texts.some((t) => /unified political front/.test(t))).toBe(true);
    expect(a.stance.some((s) => s.issue === 'disarmament' && /arsenal/.test(s.text))).toBe(true);
    const ns = new Set(a.sources.map((s) => s.n));
    for (const x of a.activity) for (const n of x.sources) expect(ns.has(n)).toBe(true);
    expect(a.stories.length).toBeGreaterThan(0);
    const md = renderActorMarkdown(a);
    expect(md).toMatch(/^## Hamas/);
    // An undated article's "on Wednesday" cannot be placed: the answer says why.
    expect(md).toMatch(/^- on Wednesday \(article undated\): /m);
    expect(md).not.toMatch(/Wednesday,? \(year not given\)/);
    expect(md).toMatch(/\*\*Sources\*\*/);
  });

  it("Israel: not credited with what Hamas says about it, nor with a prisoner held in Israel; a stance sentence listed once", async () => {
    const a = await actor('Israel');
    const texts = textsOf(a);
    expect(texts.some((t) => /Rafah crossing shut/.test(t))).toBe(true);
    // Hamas speaks here; "honoured by Israel" is a passive inside Hamas's statement.
    expect(texts.some((t) => /will not discuss its arsenal/.test(t))).toBe(false);
    // Washington is the one insisting; Israel is only named further on.
    expect(a.stance.some((s) => /^Washington insists/.test(s.text))).toBe(false);
    expect(a.people.map((p) => p.name)).not.toContain('Nael Barghouti');
    const stanceTexts = a.stance.map((s) => s.text);
    expect(new Set(stanceTexts).size).toBe(stanceTexts.length);
    const multi = a.stance.find((s) => s.issues.length > 1);
    expect(multi?.issue).toBe(multi?.issues[0]);
    expect(renderActorMarkdown(a)).toMatch(/^- [a-z ]+ · [a-z ]+/m);
  });

  it('Witkoff finds Steve Witkoff, U.S. special envoy', async () => {
    const a = await actor('Witkoff');
    expect(a.name).toBe('Steve Witkoff');
    expect(a.kind).toBe('person');
    expect(a.roles).toContain('U.S. special envoy');
    expect(a.activity.some((x) => /preparations are now under way for the second phase/.test(x.text))).toBe(true);
  });

  it('al-Hayya finds Khalil al-Hayya, a Hamas official heading the delegation', async () => {
    const a = await actor('al-Hayya');
    expect(a.name).toBe('Khalil al-Hayya');
    expect(a.roles.join(' ')).toMatch(/Hamas delegation head/);
    expect(a.activity.some((x) => x.date === '2026-06-06')).toBe(true);
  });

  it('an unknown name gets suggestions; a table actor with no stored evidence says nothing is known yet', async () => {
    const u = await actorQuery(search, 'Witkof');
    expect(isActorUnknown(u)).toBe(true);
    if (isActorUnknown(u)) expect(u.suggestions).toContain('Steve Witkoff');
    const none = await actorQuery(search, 'Hezbollah');
    expect(isActorUnknown(none)).toBe(true);
    if (isActorUnknown(none)) expect(none.message).toMatch(/nothing known yet/);
    expect(renderActorMarkdown(none)).toMatch(/nothing known yet/);
  });

  it('bad names give a clear error or a clear answer, never a crash', async () => {
    for (const bad of ['', '   ', '\u200b\u200d', '"; DROP TABLE articles; --', '*', '.*(', 'NEAR(a b)']) {
      const r = await actorQuery(search, bad).then((x) => x, (e: unknown) => e);
      if (r instanceof Error) expect(r).toBeInstanceOf(UserError);
      else expect(isActorUnknown(r as ActorAnswer)).toBe(true);
    }
    // Diacritics, zero-width characters and right-to-left text.
    const h = await actor('Ha\u200bmas');
    expect(h.name).toBe('Hamas');
    expect((await actor('Tu\u0308rkiye')).name).toBe('Turkey');
    const rtl = await actorQuery(search, 'حماس');
    expect(isActorUnknown(rtl)).toBe(true);
    const long = await actorQuery(search, 'x'.repeat(5000));
    expect(isActorUnknown(long)).toBe(true);
    if (isActorUnknown(long)) expect(long.name.length).toBeLessThanOrEqual(200);
  });

  it('an admin alias is used by later queries', async () => {
    await addActorAlias(search, 'the special envoy', 'Steve Witkoff');
    expect(await search.listAliases()).toContainEqual({ alias: 'the special envoy', canonical: 'Steve Witkoff' });
    await expect(addActorAlias(search, '', 'x')).rejects.toBeInstanceOf(UserError);
  });
});

describe('phaseQuery', () => {
  it('phase two: the October 2025 plan is kept apart from the January truce (002)', async () => {
    const c = (await phaseQuery(search, 'phase two')) as PhaseView;
    expect(isPhaseCandidates(c)).toBe(false);
    const all = [{ key: c.processKey, process: c.process }, ...c.others];
    expect(all).toHaveLength(2);
    const oct = all.find((x) => /October 2025/.test(x.process));
    const jan = all.find((x) => /January/.test(x.process));
    expect(oct).toBeDefined();
    expect(jan).toBeDefined();
    expect(renderPhaseMarkdown(c)).toMatch(/\*\*Also a phase two in\*\*/);
    expect(renderPhaseMarkdown(c)).toContain(`key \`${c.others[0]!.key}\``);
    const p = (await phaseQuery(search, 'second phase', { process: oct!.key })) as PhaseView;
    expect(p.process).toMatch(/October 2025/);
    const comps = p.components.map((x) => x.name);
    for (const x of ['international stabilisation force', 'disarmament', 'technocratic governance', 'reconstruction', 'withdrawal']) expect(comps).toContain(x);
    expect(p.status).toBe('stalled');
    expect(p.sources.some((s) => s.publishedAt?.startsWith('2026-06-06'))).toBe(true);
    expect(p.sources.some((s) => /Negotiators Return to Cairo/.test(s.title))).toBe(false);
    expect(p.stickingPoints.some((s) => /disarm/i.test(s.text))).toBe(true);
    // Sticking points a reader understands alone come before those leaning on the sentence before.
    const leaning = p.stickingPoints.map((s) => leansOnContext(s.text));
    expect(leaning).toEqual([...leaning].sort((a, b) => Number(a) - Number(b)));
    expect(p.stickingPoints.every((s) => !/^(?:Yet|But|And)\b/.test(s.text))).toBe(true);
    const j = (await phaseQuery(search, 'phase 2', { process: jan!.key })) as PhaseView;
    expect(j.sources.map((s) => s.title)).toEqual(['Negotiators Return to Cairo to Seek Second Phase of Gaza Truce']);
  });

  it('not a phase name: a clear error; no mention: nothing known yet', async () => {
    await expect(phaseQuery(search, 'banana')).rejects.toBeInstanceOf(UserError);
    await expect(phaseQuery(search, '')).rejects.toBeInstanceOf(UserError);
    const five = await phaseQuery(search, 'phase five');
    expect(isPhaseUnknown(five)).toBe(true);
  });
});

describe('timelineQuery', () => {
  it('dated events with sources, the Cairo arrival dated by both outlets', async () => {
    const t = await timelineQuery(search, { topic: 'Cairo' });
    expect(t.entries.length).toBeGreaterThan(0);
    for (const e of t.entries) expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(t.entries.some((e) => e.date === '2026-06-06')).toBe(true);
    await expect(timelineQuery(search, { since: 'soon' })).rejects.toBeInstanceOf(UserError);
  });

  it('shows a date as precisely as the source gave it: a year, a month, never an invented day', async () => {
    const t = await timelineQuery(search, { topic: 'ceasefire' });
    const detained = t.entries.find((e) => /detained in 1978/.test(e.text));
    const agreed = t.entries.find((e) => /agreed in October 2025/.test(e.text));
    expect(detained).toMatchObject({ date: '1978-01-01', precision: 'year' });
    expect(agreed).toMatchObject({ date: '2025-10-01', precision: 'month' });
    expect(t.entries.find((e) => e.date === '2026-06-06')?.precision).toBeUndefined();
    const md = renderTimelineMarkdown(t);
    expect(md).toMatch(/^- 1978: .*detained in 1978/m);
    expect(md).toMatch(/^- Oct 2025: .*agreed in October 2025/m);
    expect(md).not.toMatch(/Jan 1, 1978|Oct 1, 2025/);
    expect(md).toMatch(/^- Jun 6, 2026: /m);
  });
});

describe('autocompletion', () => {
  it('actor and phase names for a prefix, at most 25', async () => {
    const names = await actorNames(search, 'wit');
    expect(names[0]).toBe('Steve Witkoff');
    expect((await actorNames(search, '')).length).toBeLessThanOrEqual(25);
    expect(await phaseNames(search, 'phase t')).toContain('Phase two');
  });
});

describe('phaseQuery: one agreement dated by a year in one article and by a month in another', () => {
  it('is one process, named by its month', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-phase-'));
    try {
      const path = join(dir, 'p.db');
      const store = createSqliteStore(path);
      await store.init();
      const pipeline = createPipeline({ store });
      const common = 'Negotiators for Northland and Eastmark met in Port Halden to prepare the second phase of the trade truce, covering steel tariffs, grain levies and a joint battery standard.';
      await pipeline.ingestMany([
        { draft: textDraft({ url: 'https://news.example/a', title: 'Trade truce talks turn to phase two', publishedAt: '2026-11-16T09:00:00Z',
          text: `${common} The truce agreed in late 2025 has held, and phase two is now under negotiation.` }) },
        { draft: textDraft({ url: 'https://news.example/b', title: 'Phase two of trade truce under negotiation in Port Halden', publishedAt: '2026-11-17T09:00:00Z',
          text: `${common} The truce, in force since October 2025, cut tariffs by half; phase two is under negotiation.` }) },
      ]);
      await pipeline.flush();
      await store.close();
      const local = createSqliteArticleSearch(path);
      const p = await phaseQuery(local, 'phase two');
      await local.close();
      expect(isPhaseCandidates(p)).toBe(false);
      expect((p as PhaseView).process).toMatch(/October 2025/);
      expect((p as PhaseView).sources).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

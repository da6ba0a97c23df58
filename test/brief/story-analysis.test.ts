import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefingActors, briefingPhase } from '../../src/brief/story-analysis.js';
import type { BriefingArticle } from '../../src/domain/types.js';
import { harbourCoast, harbourWire } from './fixtures.js';

const gaza = (name: string, extra: Partial<BriefingArticle> = {}): BriefingArticle => {
  const [title, ...body] = readFileSync(`test/fixtures/gaza/${name}.txt`, 'utf8').split('\n');
  return { id: Number(name), title: title!, url: `file:///fixtures/${name}.txt`, text: body.join('\n'), ...extra };
};

describe('briefing actors', () => {
  it('names the actors of a story with kinds and roles, and leaves out places and outlets', () => {
    const actors = briefingActors([gaza('000', { outlet: 'Example Daily' }), gaza('001', { outlet: 'Example Wire' })]);
    const byName = new Map(actors.map((a) => [a.name, a]));
    expect(byName.get('Hamas')?.kind).toBe('group');
    expect(byName.get('Khalil al-Hayya')).toMatchObject({ kind: 'person' });
    expect(byName.get('Khalil al-Hayya')?.role).toMatch(/Hamas/);
    expect(byName.get('Egypt')?.kind).toBe('country');
    expect(actors.some((a) => a.name === 'Cairo' || a.name === 'Gaza')).toBe(false);
    // Hamas is named in both articles and most often: it comes first.
    expect(actors[0]!.name).toBe('Hamas');
    expect(actors.length).toBeLessThanOrEqual(8);
  });

  it('finds the named people and organisations of an invented story', () => {
    const actors = briefingActors([harbourCoast, harbourWire]);
    expect(actors.length).toBeGreaterThan(0);
    expect(actors.every((a) => a.name.trim() === a.name && !/\n/.test(a.name))).toBe(true);
  });

  it('resolves aliases to one actor: U.S. and United States, Türkiye and Turkey', () => {
    const text = (t: string): BriefingArticle => ({ id: 1, title: 't', url: 'https://example.org/a', text: t });
    const actors = briefingActors([
      text('The U.S. and Türkiye backed the plan on Monday. Türkiye said it would send observers.'),
      text('The United States and Turkey backed the plan. Turkey said observers would follow.'),
    ]);
    const names = actors.map((a) => a.name);
    expect(names).toContain('United States');
    expect(names).toContain('Turkey');
    expect(names).not.toContain('U.S.');
    expect(names).not.toContain('Türkiye');
  });
});

describe('briefing phase', () => {
  it('reports the highest phase with a reported status', () => {
    expect(briefingPhase([gaza('004')])).toEqual({ name: 'Phase two', status: 'stalled' });
  });

  it('is absent when no phase is reported', () => {
    expect(briefingPhase([harbourCoast, harbourWire])).toBeUndefined();
  });
});

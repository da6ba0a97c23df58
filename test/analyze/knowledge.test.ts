// The analysis's knowledge kept as data (src/analyze/knowledge/*.data.ts): shape checks, and no
// storyline's words in the phase and event code itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/analyze/knowledge/actor-words.data.js';
import { GIVEN_NAMES } from '../../src/analyze/knowledge/given-names.data.js';
import { PHASE_COMPONENT_PATTERNS, PHASE_STATUS_PATTERNS, STICKING_PATTERN, STICKING_TOPIC_PATTERNS } from '../../src/analyze/knowledge/phase-vocabulary.data.js';
import { PHASE_COMPONENTS } from '../../src/analyze/phases.js';

const STATUSES = ['agreed', 'underway', 'under negotiation', 'stalled', 'expiring', 'expired', 'completed'];

describe('actor words (data)', () => {
  const lists: Array<[string, readonly string[]]> = [
    ['SAY_VERBS', A.SAY_VERBS], ['DO_VERBS', A.DO_VERBS], ['FILLER_WORDS', A.FILLER_WORDS], ['METONYM_VERBS', A.METONYM_VERBS],
    ['METONYM_BEFORE', A.METONYM_BEFORE], ['METONYM_POSSESSED', A.METONYM_POSSESSED], ['NOT_NAME_WORDS', A.NOT_NAME_WORDS],
    ['TITLE_WORDS', A.TITLE_WORDS], ['TITLE_HEADS', A.TITLE_HEADS], ['RANKS', A.RANKS], ['ORG_WORDS', A.ORG_WORDS],
    ['PLACE_FIRST_WORDS', A.PLACE_FIRST_WORDS], ['PLACE_LAST_WORDS', A.PLACE_LAST_WORDS], ['NAME_CONNECTORS', A.NAME_CONNECTORS],
    ['PLACE_LAST_SURNAMES', A.PLACE_LAST_SURNAMES], ['PAGE_FURNITURE_WORDS', A.PAGE_FURNITURE_WORDS], ['OUTLET_LAST_WORDS', A.OUTLET_LAST_WORDS],
    ['GROUP_LAST_WORDS', A.GROUP_LAST_WORDS], ['THING_LAST_WORDS', A.THING_LAST_WORDS], ['WORK_TITLE_WORDS', A.WORK_TITLE_WORDS],
    ['ROLE_TIME_WORDS', A.ROLE_TIME_WORDS], ['NOT_ROLE_STARTS', A.NOT_ROLE_STARTS], ['GIVEN_NAMES', GIVEN_NAMES],
  ];
  for (const [name, list] of lists) {
    it(`${name}: non-empty, trimmed, lowercase, each a valid whole-token pattern`, () => {
      expect(list.length).toBeGreaterThan(0);
      for (const w of list) {
        expect(w).toBe(w.trim());
        expect(w).toBe(w.toLowerCase());
        expect(() => new RegExp(`^(?:${w})$`, 'i')).not.toThrow();
      }
    });
  }
  it('given names: a few hundred or more, unique, letters and hyphens only, none a common word the name lists exclude', () => {
    expect(GIVEN_NAMES.length).toBeGreaterThan(300);
    expect(new Set(GIVEN_NAMES).size).toBe(GIVEN_NAMES.length);
    for (const n of GIVEN_NAMES) expect(n).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    for (const w of ['will', 'may', 'june', 'hope', 'the', 'new']) expect(GIVEN_NAMES).not.toContain(w);
  });
  it('titles are words of a role, so every title head is a title word or a rank', () => {
    const titles = new Set([...A.TITLE_WORDS, ...A.RANKS]);
    const missing = A.TITLE_HEADS.filter((h) => !titles.has(h) && !['prisoner', 'hostage', 'captive', 'detainee', 'lawyer'].includes(h));
    expect(missing).toEqual([]);
  });
});

describe('phase vocabulary (data)', () => {
  it('components: unique names, valid patterns, compiled in order', () => {
    expect(new Set(PHASE_COMPONENT_PATTERNS.map((c) => c.name)).size).toBe(PHASE_COMPONENT_PATTERNS.length);
    for (const c of PHASE_COMPONENT_PATTERNS) expect(() => new RegExp(c.pattern, 'i')).not.toThrow();
    expect(PHASE_COMPONENTS.map((c) => c.name)).toEqual(PHASE_COMPONENT_PATTERNS.map((c) => c.name));
  });
  it('status cues name known statuses only, with valid patterns', () => {
    for (const s of PHASE_STATUS_PATTERNS) {
      expect(STATUSES).toContain(s.status);
      expect(() => new RegExp(s.pattern, 'gi')).not.toThrow();
    }
  });
  it('sticking words and topics are valid patterns', () => {
    expect(() => new RegExp(STICKING_PATTERN, 'i')).not.toThrow();
    for (const t of STICKING_TOPIC_PATTERNS) expect(() => new RegExp(t.pattern, 'i')).not.toThrow();
  });
  it('"set to expire" reads as expiring, not expired (first matching cue)', () => {
    const hit = PHASE_STATUS_PATTERNS.filter((s) => new RegExp(s.pattern, 'i').test('The first phase is set to expire on Sunday.')).map((s) => s.status);
    expect(hit[0]).toBe('expiring');
  });
});

describe('no storyline in the analysis code', () => {
  it('phases, process naming, events and actors code (comments aside) names no particular storyline', () => {
    for (const f of ['phases.ts', 'process-name.ts', 'events.ts', 'actors.ts', 'text.ts']) {
      const code = fs
        .readFileSync(path.resolve(__dirname, '../../src/analyze', f), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(?:\/\/|\*|\/\*\*)/.test(l))
        .join('\n');
      expect(code, f).not.toMatch(/\b(?:gaza\w*|hamas|israel\w*|yellow line|mercosur)\b/i);
    }
  });
});

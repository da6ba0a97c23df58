// The briefing's knowledge kept as data (src/brief/knowledge/*.data.ts): shape checks, and no
// storyline's words in the briefing code itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASIDE_MARKERS, READER_WORDS, SPEECH_VERBS, WHY_CUE_GROUPS, WHY_MODAL_CUES } from '../../src/brief/knowledge/why-cues.data.js';
import { WHEN_PHRASES, WHEN_WORDS } from '../../src/brief/knowledge/lede-words.data.js';
import { NOT_ACTOR_ENDS, NOT_ACTOR_NAMES, NOT_NAME_STARTS } from '../../src/brief/knowledge/not-actors.data.js';
import { SITE_WORD_LIST, VERBISH_WORDS } from '../../src/brief/knowledge/sentence-words.data.js';

function wordList(name: string, list: readonly string[], opts: { patterns?: boolean } = {}): void {
  it(`${name}: non-empty, trimmed, lowercase, no duplicates${opts.patterns ? ', each a valid pattern' : ''}`, () => {
    expect(list.length).toBeGreaterThan(0);
    for (const w of list) {
      expect(w).toBe(w.trim());
      expect(w.length).toBeGreaterThan(0);
      expect(w).toBe(w.toLowerCase());
      if (opts.patterns) expect(() => new RegExp(`^(?:${w})$`, 'i')).not.toThrow();
    }
    expect(new Set(list).size).toBe(list.length);
  });
}

describe('why-it-matters cues (data)', () => {
  it('cue groups: named, weighted in (0, 1], phrases plain words', () => {
    expect(WHY_CUE_GROUPS.length).toBeGreaterThan(2);
    expect(new Set(WHY_CUE_GROUPS.map((g) => g.name)).size).toBe(WHY_CUE_GROUPS.length);
    for (const g of WHY_CUE_GROUPS) {
      expect(g.weight).toBeGreaterThan(0);
      expect(g.weight).toBeLessThanOrEqual(1);
      expect(g.phrases.length).toBeGreaterThan(0);
      for (const p of g.phrases) expect(p).toMatch(/^[a-z’'-]+(?: [a-z’'-]+)*$/);
      expect(new Set(g.phrases).size).toBe(g.phrases.length);
    }
  });
  it('modal cues: weighted, plain words', () => {
    expect(WHY_MODAL_CUES.weight).toBeGreaterThan(0);
    for (const w of [...WHY_MODAL_CUES.modals, ...WHY_MODAL_CUES.verbs]) expect(w).toMatch(/^[a-z]+$/);
  });
  wordList('aside markers', ASIDE_MARKERS);
  wordList('speech verbs', SPEECH_VERBS);
  wordList('reader words', READER_WORDS);
});

describe('sentence and lede words (data)', () => {
  wordList('when words', WHEN_WORDS);
  wordList('when phrases', WHEN_PHRASES);
  wordList('verb-like words', VERBISH_WORDS);
  wordList('site words', SITE_WORD_LIST);
  wordList('not-name starts', NOT_NAME_STARTS, { patterns: true });
  wordList('not-actor ends', NOT_ACTOR_ENDS, { patterns: true });
  wordList('not-actor names', NOT_ACTOR_NAMES);
});

describe('no storyline in the briefing code', () => {
  it('src/brief/*.ts code (comments aside) names no particular storyline', () => {
    const dir = path.resolve(__dirname, '../../src/brief');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const code = fs
        .readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(?:\/\/|\*|\/\*\*)/.test(l))
        .join('\n');
      expect(code, f).not.toMatch(/\b(?:gaza|hamas|israel\w*|yellow line|mercosur)\b/i);
    }
  });
});

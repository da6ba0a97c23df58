// A model's summary of an /actor or /phase answer, and the note when there is none, on every
// surface: above the computed answer; without either, the answer renders as it always has.
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/commands/view.js';
import type { PhaseView } from '../../src/queries/index.js';
import { renderMarkdown, renderPhaseMarkdown } from '../../src/render/markdown/index.js';
import { renderDiscord } from '../../src/render/discord/index.js';
import { renderSlack } from '../../src/render/slack/index.js';
import { viewJson } from '../../src/render/json.js';
import { textsOf } from '../slack/block-kit-check.js';

const PHASE: PhaseView = {
  name: 'Phase two',
  process: 'Calder ferry deal of June 2031',
  processKey: 'k1',
  storylineId: 1,
  status: 'under negotiation',
  statusDate: '2031-06-07T07:00:00Z',
  statusText: 'Talks on phase two of the deal resumed on Monday.',
  statusSources: [1],
  components: [],
  stickingPoints: [{ text: 'Pay remains the sticking point.', topics: ['pay'], sources: [2] }],
  actors: [],
  timeline: [],
  sources: [
    { n: 1, title: 'Talks resume', url: 'https://harbour.test/a' },
    { n: 2, title: 'Pay row', url: 'https://coast.test/b' },
  ],
  others: [],
};

const SUMMARY = { text: 'Talks on phase two resumed on Monday; pay is the sticking point.', points: [{ text: 'Pay remains the sticking point.', sources: [2] }] };
const surfaces = (v: View): string[] => [renderMarkdown(v), JSON.stringify(renderDiscord(v)), renderSlack(v).flatMap(textsOf).join('\n')];

describe('answer summaries on every surface', () => {
  it('show the summary and its cited points above the computed answer', () => {
    const v: View = { kind: 'phase', answer: PHASE, summary: SUMMARY };
    for (const s of surfaces(v)) {
      expect(s).toContain(SUMMARY.text);
      expect(s).toContain('Pay remains the sticking point. [2]');
      expect(s.indexOf(SUMMARY.text)).toBeLessThan(s.indexOf('Status:'));
    }
    expect(viewJson(v)).toEqual({ ...PHASE, summary: SUMMARY });
  });

  it('show the note when the model was asked and gave none; without either, the answer as computed', () => {
    const note = 'written offline: the model was unavailable';
    for (const s of surfaces({ kind: 'phase', answer: PHASE, note })) expect(s).toContain(note);
    const plain: View = { kind: 'phase', answer: PHASE };
    expect(renderMarkdown(plain)).toBe(renderPhaseMarkdown(PHASE));
    for (const s of surfaces(plain)) {
      expect(s).not.toContain('Summary');
      expect(s).not.toContain('written offline');
    }
    expect(viewJson(plain)).toBe(PHASE);
  });
});

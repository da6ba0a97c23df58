// The shared verifier on an answer summary (the /actor and /phase summaries of a model engine):
// the text grounded in any passage, each point in the passages it cites, sanitised and bounded.
import { describe, expect, it } from 'vitest';
import { describeFailures, verifySummary, type VerifySource } from '../../src/brief/verify.js';

const PASSAGES: VerifySource[] = [
  { n: 1, url: 'https://harbour.test/a', title: 'Marta Ilves (person)', outlet: 'Harbour Post', text: '2031-06-06 · Marta Ilves said: talks with the Calder Ferry Company had failed.' },
  { n: 2, url: 'https://island.test/b', title: 'Marta Ilves (person)', outlet: 'Island Voice', text: '2031-06-07 · Marta Ilves said: the strike could last three weeks, with 1,200 crossings halted.' },
];

describe('verifySummary', () => {
  it('passes a grounded summary, allowing normal variation in figures and dates', () => {
    const v = verifySummary({ text: 'Marta Ilves said on 7 June that the strike could last three weeks.', points: [{ text: 'About 1200 crossings are halted.', sources: [2] }] }, PASSAGES);
    expect(v.failures).toEqual([]);
  });

  it('names each ungrounded figure, name and citation, per point, for the re-ask', () => {
    const v = verifySummary(
      {
        text: 'Ilves met Olsen.',
        points: [
          { text: 'The strike could last three weeks.', sources: [1] },
          { text: 'It halted 1,200 crossings.', sources: [] },
          { text: 'The strike cost 7,500 euros.', sources: [2, 9] },
        ],
      },
      PASSAGES,
    );
    expect(describeFailures(v.failures)).toEqual([
      'summary: the name "Olsen" is not in the sources it cites',
      'point 2: cites no source; every point must cite at least one source number it is taken from',
      'point 3: cites no such source: [9]; every point must cite at least one source number it is taken from',
      'point 3: the figure "7,500" is not in the sources it cites',
    ]);
  });

  it('sanitises: mentions defused, foreign links and images removed, at most 4 points, lengths bounded', () => {
    const v = verifySummary(
      {
        text: `@everyone see https://evil.test/x and ![i](https://evil.test/p.png) ${'word '.repeat(400)}`,
        points: Array.from({ length: 6 }, () => ({ text: 'Marta Ilves said talks had failed (https://harbour.test/a).', sources: [1] })),
      },
      PASSAGES,
    );
    expect(v.summary.text).not.toMatch(/@everyone|evil\.test/);
    expect(v.summary.text.length).toBeLessThanOrEqual(700);
    expect(v.summary.points).toHaveLength(4);
    expect(v.summary.points[0]!.text).toContain('https://harbour.test/a');
    expect(v.removedLinks).toEqual(expect.arrayContaining(['https://evil.test/x']));
  });
});

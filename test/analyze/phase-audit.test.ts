// Phase statuses and components, audited on short sentences of the project's own writing about an
// invented prisoner swap and debt deal: a phase shows a status or a component only where a
// sentence says so of that phase.
import { describe, expect, it } from 'vitest';
import { analyzePhases, type PhaseMention } from '../../src/analyze/phases.js';

const status = (text: string, ordinal: number, date?: Date) => analyzePhases(text, date).mentions.filter((m) => m.ordinal === ordinal).map((m) => m.status?.value);
const components = (text: string, ordinal: number) => [...new Set(analyzePhases(text).mentions.filter((m) => m.ordinal === ordinal).flatMap((m: PhaseMention) => m.components))];

describe('status cues read against the phase they are about', () => {
  it('a risk, a guess or a negation is no status', () => {
    expect(status('Mediators warned that talks on the second phase could collapse within days.', 2)).toEqual(['under negotiation']);
    expect(status('The second stage might stall if the lenders walk away.', 2)).toEqual([undefined]);
    expect(status('Phase two has not yet started.', 2)).toEqual([undefined]);
    expect(status('Phase two never took effect.', 2)).toEqual([undefined]);
    expect(status('The first phase did not collapse.', 1)).toEqual([undefined]);
  });

  it('"set to expire" / "is due to expire" is a phase still running out, not one expired', () => {
    expect(status('The first phase is due to expire next March.', 1)).toEqual(['expiring']);
    expect(status("The swap's first phase is set to lapse at the end of the week.", 1)).toEqual(['expiring']);
    expect(status('Phase one expired in March.', 1)).toEqual(['expired']);
  });

  it('"talks on phase two began" is a phase under negotiation; talks still to come give no status', () => {
    expect(status('Talks on phase two began in Lunden on Monday.', 2)).toEqual(['under negotiation']);
    expect(status('Talks on the second stage are expected to begin once the first releases are done.', 2)).toEqual([undefined]);
    expect(status('Negotiations over the second phase will open next month.', 2)).toEqual([undefined]);
    expect(status('Talks on the second phase stalled on Friday over the lists.', 2)).toEqual(['stalled']);
  });

  it('on hold is stalled; ended is completed', () => {
    expect(status('Phase two remains on hold while the lists are checked.', 2)).toEqual(['stalled']);
    expect(status('The second phase was put on hold in January.', 2)).toEqual(['stalled']);
    expect(status('The first phase ended quietly before the holidays.', 1)).toEqual(['completed']);
  });

  it('of two stages said of one phase, the later one is its status', () => {
    expect(status('The first phase was signed in November and its releases were completed before the new year.', 1)).toEqual(['completed']);
  });

  it('a signing of phase one that names phase two only as future: phase one agreed, phase two no status', () => {
    const text =
      'The two governments signed the first phase of the debt accord on Wednesday. Phase two would cover the bonds held abroad, and talks on the second stage are expected to begin in the spring.';
    expect(status(text, 1)).toEqual(['agreed']);
    expect(status(text, 2).filter(Boolean)).toEqual([]);
  });

  it('a sentence naming two phases gives each the status of its own clause', () => {
    const text = "After phase one's prisoner exchange ended on Monday, talks on phase two began in the capital.";
    expect(status(text, 1)).toEqual(['completed']);
    expect(status(text, 2)).toEqual(['under negotiation']);
  });
});

describe('components belong to the phase a sentence says holds them', () => {
  it("the exchange in \"after phase one's prisoner exchange ended, talks on phase two began\" is phase one's", () => {
    const text = "After phase one's prisoner exchange ended on Monday, talks on phase two began in the capital.";
    expect(components(text, 1)).toEqual(['hostage and prisoner exchange']);
    expect(components(text, 2)).toEqual([]);
  });

  it('the words naming the process ("the prisoner accord", "a tariff pact") are no component of a phase', () => {
    expect(components('Talks on the second phase of the Karsovia-Belmar prisoner accord were put on hold.', 2)).toEqual([]);
    expect(components('Talks on phase two of the tariff pact resumed.', 2)).toEqual([]);
    // Said of the phase itself, it is one.
    expect(components('Phase two would free the remaining detainees.', 2)).toEqual(['hostage and prisoner exchange']);
  });

  it('"phase two begins after the prisoner exchange of phase one ends": the exchange is phase one\'s', () => {
    const text = 'Phase two begins after the prisoner exchange of phase one ends.';
    expect(components(text, 2)).toEqual([]);
    expect(components(text, 1)).toEqual(['hostage and prisoner exchange']);
  });

  it('unlike one phase, another: each keeps its own clause', () => {
    const text = 'Unlike phase one, which freed detainees, phase two includes the withdrawal of border troops.';
    expect(components(text, 2)).toEqual(['withdrawal']);
    expect(components(text, 1)).toEqual(['hostage and prisoner exchange']);
  });
});

describe('the process an article dates', () => {
  it('an accord signed "in a city on Wednesday" is the accord of that month', () => {
    const p = analyzePhases('Envoys signed the first phase of a prisoner exchange accord in Lunden on Wednesday, after months of talks.', new Date('2025-11-12T12:00:00Z')).process;
    expect(p?.label).toBe('accord of November 2025');
    expect(p?.anchorDate).toBe('2025-11-12');
  });
});

describe('more misreadings', () => {
  it('"talks on the second phase have been put on hold" is stalled, not under negotiation', () => {
    expect(status('Talks on the second phase of the prisoner accord have been put on hold, mediators said.', 2)).toEqual(['stalled']);
  });

  it('"remains" as a verb is no prisoner exchange; as a noun it is', () => {
    expect(components('Phase two remains on hold while the lists are checked.', 2)).toEqual([]);
    expect(components('Phase two would return remains to the families.', 2)).toEqual(['hostage and prisoner exchange']);
  });
});

describe('phrasings of other reports', () => {
  it.each([
    ['The first phase of the deal, signed in January, is set to expire on March 1.', 1, 'expiring'],
    ['Phase two, agreed in March, has stalled over the bond lists.', 2, 'stalled'],
    ['The second phase has yet to begin.', 2, undefined],
    ['Phase two is expected to be signed next week.', 2, undefined],
    ['The first stage came into force on Monday.', 1, 'underway'],
    ['Phase one lapsed at midnight.', 1, 'expired'],
    ['The second phase is scheduled to run out on Sunday.', 2, 'expiring'],
    ['The second phase remains to be negotiated.', 2, undefined],
    ['The second phase may stall over the bond lists.', 2, undefined],
    ['In May phase two stalled over the bond lists.', 2, 'stalled'],
    ['Phase two will be negotiated later, the envoys said after signing phase one.', 2, undefined],
  ] as const)('%s', (text, ordinal, want) => {
    expect(status(text, ordinal)).toEqual([want]);
  });
});

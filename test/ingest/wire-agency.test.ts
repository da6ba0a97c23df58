// Outlets are counted by outlet, not by file: wire copy saved as text files names its agency in
// the dateline tag, and files that name none count together as one unnamed outlet.
import { describe, expect, it } from 'vitest';
import { buildDraft, wireAgency } from '../../src/ingest/normalize.js';
import { briefingView } from '../../src/commands/view.js';
import type { Briefing } from '../../src/domain/types.js';

describe('wire agency and outlet counts', () => {
  it('reads the agency from the opening dateline tag only', () => {
    expect(wireAgency('CAIRO, June 6 (Reuters) - Talks resumed on Friday.')).toBe('Reuters');
    expect(wireAgency('GENEVA (AP) — Envoys met again.')).toBe('AP');
    expect(wireAgency('July 4 (UPI) -- A court ruled.')).toBe('UPI');
    expect(wireAgency('Talks resumed on Friday. ' + 'x '.repeat(200) + 'as (Reuters) reported.')).toBeUndefined();
    expect(buildDraft({ url: 'file:///tmp/a.txt', title: 'Talks', text: 'CAIRO, June 6 (Reuters) - Talks resumed on Friday after a pause of two weeks.', via: 'file' }).outlet).toBe('Reuters');
    expect(buildDraft({ url: 'https://example.com/a', title: 'Talks', text: 'CAIRO, June 6 (Reuters) - Talks resumed.', outlet: 'Example News', via: 'page' }).outlet).toBe('Example News');
  });

  it('counts three agencies in nine files as three outlets, unnamed files as one', () => {
    const source = (n: number, outlet?: string) => ({ n, title: `t${n}`, url: `file:///news/${n}.txt`, ...(outlet ? { outlet } : {}) });
    const briefing = (sources: ReturnType<typeof source>[]): Briefing => ({ headline: 'h', lede: 'l', takeaways: [], whyItMatters: '', actors: [], sources });
    const agencies = ['Reuters', 'AP', 'AFP'];
    expect(briefingView(briefing(Array.from({ length: 9 }, (_, i) => source(i + 1, agencies[i % 3])))).outlets).toBe(3);
    expect(briefingView(briefing(Array.from({ length: 5 }, (_, i) => source(i + 1)))).outlets).toBe(1);
  });
});

// Every sentence a briefing shows must read as news on its own: no wire dateline or slug, no
// caption, no half quote, no connective left hanging, no aside; a headline that ends where a
// thought ends. Fixtures are the project's own sentences.
import { describe, expect, it } from 'vitest';
import { closeOpenQuote, dropConnective, judgeSentence, leansOnContext, stripSentenceJunk } from '../../src/brief/clean.js';
import { briefExtractive, headlineFromLede, mostlyQuoted } from '../../src/brief/extractive.js';
import { splitSentences, words } from '../../src/analyze/text.js';
import { problemsOf } from '../../src/eval/post-check.js';
import type { BriefingArticle } from '../../src/domain/types.js';

const usable = (s: string): boolean => judgeSentence(s, words(s)).usable;

describe('sentence edges', () => {
  it('strips datelines with days and dates, agency tags and underscore slugs', () => {
    expect(stripSentenceJunk('FRIDAY, March 3 (HealthDay News) -- A new blood test spotted the illness early in a trial of 400 patients.')).toBe('A new blood test spotted the illness early in a trial of 400 patients.');
    expect(stripSentenceJunk('LIMA, Peru, Aug 9 (Reuters) - Port workers ended a nine-day strike on Friday.')).toBe('Port workers ended a nine-day strike on Friday.');
    expect(stripSentenceJunk('June 2 (UPI) -- A court in Ohio fined the operator of the dam $2 million.')).toBe('A court in Ohio fined the operator of the dam $2 million.');
    expect(stripSentenceJunk('HARBOR-STRIKE _ ROTTERDAM _ Dock workers voted to return on Monday.')).toBe('Dock workers voted to return on Monday.');
    expect(stripSentenceJunk('BERLIN _ The coalition agreed on a budget late on Tuesday.')).toBe('The coalition agreed on a budget late on Tuesday.');
    expect(stripSentenceJunk('Original Story: The council voted to close the bridge for repairs.')).toBe('The council voted to close the bridge for repairs.');
    expect(stripSentenceJunk('BREAKING 4PM… The league has suspended the coach of the Harbor Kings for six games.')).toBe('The league has suspended the coach of the Harbor Kings for six games.');
    expect(stripSentenceJunk('UPDATE, 6:15 PM ET: The league has suspended the coach for six games.')).toBe('The league has suspended the coach for six games.');
    expect(stripSentenceJunk('Breaking news crews reached the flooded valley on Sunday.')).toBe('Breaking news crews reached the flooded valley on Sunday.');
  });

  it('drops an opening connective and capitalises what follows', () => {
    expect(dropConnective('But talks stalled on Friday over the border crossing.')).toBe('Talks stalled on Friday over the border crossing.');
    expect(dropConnective('Yet progress on the second phase remains slow.')).toBe('Progress on the second phase remains slow.');
    expect(dropConnective('However, the ministry denied the report.')).toBe('The ministry denied the report.');
    expect(dropConnective('So far, 40 trucks have crossed.')).toBe('So far, 40 trucks have crossed.');
    expect(dropConnective('So-called safe zones were shelled.')).toBe('So-called safe zones were shelled.');
    expect(dropConnective('Andrew Marsh chaired the meeting.')).toBe('Andrew Marsh chaired the meeting.');
  });

  it('closes the first sentence of a long quote, and refuses its later, headless sentences', () => {
    expect(closeOpenQuote('The mayor said: “We will rebuild the bridge this year.')).toBe('The mayor said: “We will rebuild the bridge this year.”');
    expect(closeOpenQuote('The mayor said: "We will rebuild the bridge this year.')).toBe('The mayor said: "We will rebuild the bridge this year."');
    expect(usable('It will cost the city more than it planned, and it will take two summers.”')).toBe(false);
    // Its last sentence with the speaker after it is opened again: whole and attributed.
    expect(closeOpenQuote('It will take two summers,” Mayor Ana Ruiz said.')).toBe('“It will take two summers,” Mayor Ana Ruiz said.');
    expect(closeOpenQuote('It will take two summers," she told reporters on Monday.')).toBe('"It will take two summers," she told reporters on Monday.');
    expect(closeOpenQuote('It will take two summers.”')).toBe('It will take two summers.”');
    expect(usable('The mayor said the bridge would “reopen by June” after repairs.')).toBe(true);
  });
});

describe('sentences that cannot be shown', () => {
  it('refuses captions, credits, agency notes and cut-off sentences', () => {
    expect(usable('FILE - In this May 4, 2019 file photo, the harbour master speaks to reporters at the port.')).toBe(false);
    expect(usable('Mayor Ana Ruiz addresses the media Sept. 3, 2024, during a news conference at city hall.')).toBe(false);
    expect(usable('Rescue workers carry a stretcher (L) past the collapsed wall of the school.')).toBe(false);
    expect(usable('RELATED: Ten things to know about the new harbour terminal.')).toBe(false);
    expect(usable('Photo and graphics information for this budget will follow from the desk.')).toBe(false);
    expect(usable('The singer was praised for her acclaimed performance in.')).toBe(false);
    expect(usable('Maria Lopez and Tom Berg, regional organisers of the dock workers union.')).toBe(false);
  });

  it('refuses a sentence whose claim is the one before it ("So says ...")', () => {
    expect(usable('So says the harbour master, who has run the port for twelve years and expects a record season.')).toBe(false);
    expect(dropConnective('So says the harbour master, who has run the port for twelve years.')).toBe('So says the harbour master, who has run the port for twelve years.');
    expect(usable('So far the port has handled 40 ships this month, the harbour master said.')).toBe(true);
  });

  it('refuses first-person asides outside quotes, keeps first person inside them', () => {
    expect(usable('I have covered this port for a decade and never seen such a queue of ships.')).toBe(false);
    expect(usable('We will keep you updated as the talks continue through the weekend.')).toBe(false);
    expect(usable('“We will not sign a deal that leaves the port closed,” the minister told reporters.')).toBe(true);
  });

  it('knows what leans on the sentence before it', () => {
    for (const s of ['His campaign said that instead he would spend the evening in Ohio.', 'One reason for that is the budget was never cut.', 'The second envoy described his role as an observer.', 'This complexity risks delaying the vote until spring.', 'Meanwhile, prices rose again in the capital.', 'Grim find: Workers who opened the crate feared the worst.', 'Most recently, the harbour board said it would review the fees.', 'There, on a screen above the stage, was a photo of the missing ferry.', 'His sister, too, wrote a tribute to the crew on Sunday.']) {
      expect(leansOnContext(s), s).toBe(true);
    }
    for (const s of ['The port authority approved a third terminal on Tuesday.', 'Negotiators for both sides met in Cairo on Monday.', 'Thousands of dock workers walked out in Rotterdam.', 'There were 40 ships waiting offshore on Friday, officials said.', 'Recently appointed director Lena Ortiz reopened the harbour.']) {
      expect(leansOnContext(s), s).toBe(false);
    }
  });

  it('parts sentences glued by a lost space, not abbreviations or names', () => {
    expect(splitSentences('The vote passed easily.Opposition leaders said they would appeal.')).toEqual(['The vote passed easily.', 'Opposition leaders said they would appeal.']);
    expect(splitSentences('Shares of Amazon.Com rose after the U.S.Senate vote.')).toHaveLength(1);
  });
});

describe('headlines from a lede', () => {
  it('ends where a thought ends, never with an ellipsis', () => {
    expect(headlineFromLede('The port authority approved a third container terminal on Tuesday.')).toBe('The port authority approved a third container terminal on Tuesday');
    const h = headlineFromLede('The regional court blocked the construction of a third container terminal at the harbour on Tuesday, which residents had fought for six years over noise and traffic.');
    expect(h).toBe('The regional court blocked the construction of a third container terminal at the harbour on Tuesday');
    const cut = headlineFromLede('Thousands of dock workers from the three largest ports of the country walked out of their jobs in protest against the new pension plan of the government.');
    expect(cut).not.toMatch(/…|\.\.\.$/);
    expect(cut.split(/\s+/).length).toBeLessThanOrEqual(22);
    expect(cut).not.toMatch(/\b(?:the|of|to|and|from)$/i);
    expect(headlineFromLede('WASHINGTON _ The Senate passed the bill on Friday.')).toBe('The Senate passed the bill on Friday');
  });

  it('starts at the main clause, has a verb, and drops whose finding it is', () => {
    // A time or a circumstance before the main clause: the headline names who did what.
    expect(headlineFromLede('On March 3, 2024, a jury in Lakeview found the former mayor guilty of taking bribes.')).toBe('A jury in Lakeview found the former mayor guilty of taking bribes');
    expect(headlineFromLede('In a report released on Monday by the city auditor, the water board was found to have overbilled 40,000 homes.')).toBe('The water board was found to have overbilled 40,000 homes');
    // Never a run of names with no verb ("Jane Roe and John Doe at the University").
    const h = headlineFromLede('Researchers Ada Brandt and Tomas Lind at the Northfield Institute of Marine Science, tracked 300 tagged turtles across the bay for six years.');
    expect(h).toMatch(/tracked/);
    // "..., a new study suggests": the finding is the headline.
    expect(headlineFromLede('Drinking two cups of coffee a day may lower the risk of gallstones, a new study suggests.')).toBe('Drinking two cups of coffee a day may lower the risk of gallstones');
    // A whole lede a little over the usual length beats one cut mid-phrase; never cut after an adverb.
    expect(headlineFromLede('The museum has a rarely shown painting on its walls that is apparently also on the wish list of three collectors.')).not.toMatch(/\balso$/);
  });
});

/** Would I post this? Clusters of the project's own writing, with the junk real pages carry. */
const CLUSTERS: string[][] = [
  [
    'ROTTERDAM, May 12 (Reuters) - Dock workers at the port of Rotterdam walked out on Monday over a new pension plan, halting container traffic at Europe\'s largest port.\nThe strike began at 6 a.m. and stopped work at all four container terminals, the port authority said.\nBut union leaders said the walkout could end quickly if the government reopened talks.\n"We did not want this strike.\nThe government left us no choice," union chair Maria Lopez said.\nI have never seen the quays this quiet.\nRELATED: What the pension plan means for workers\nFILE - In this March 2, 2021 file photo, cranes stand idle at the port.',
    'ROTTERDAM _ Container traffic at the port of Rotterdam stopped on Monday as dock workers struck against a government pension plan.\nShipping lines diverted at least 12 vessels to Antwerp and Hamburg, the port authority said.\nThe government said it would not withdraw the plan, which raises the retirement age for dock workers to 67.\nThis complexity risks delaying the budget vote.\nEconomists said a long strike could cost the Dutch economy 100 million euros a day.',
    'Dock workers in Rotterdam walked off the job on Monday in protest against a pension plan, the first port-wide strike in 20 years.\nUnion chair Maria Lopez said the walkout would last 48 hours unless talks resumed.\nThe labour ministry invited both sides to talks on Wednesday.\nAnd ships waited at anchor off the coast.\nPort officials said perishable cargo would be unloaded first once work resumed.',
  ],
  [
    'GENEVA, Oct. 3 (AP) -- Envoys from both sides agreed on Thursday to extend the ceasefire by 30 days and to exchange prisoners next week, mediators said.\nThe agreement followed four days of talks at a hotel near the lake.\nUnder the deal, 200 prisoners will be released on each side, the mediators said.\n"This is a first step.\nThe harder questions remain," the lead mediator said.\nWe will update this story.',
    'Negotiators extended a fragile ceasefire by a month on Thursday after talks in Geneva, and agreed to a prisoner exchange.\nThe exchange of 200 prisoners from each side is due to begin on Tuesday, according to the mediators.\nDisputes over the border line and the return of refugees were left for later rounds.\nHowever, the talks nearly collapsed on Wednesday over the prisoner lists.\nMediator Anna Berg addresses the media Oct. 3, 2025, during a news conference in Geneva.',
  ],
];

function articles(texts: string[]): BriefingArticle[] {
  return texts.map((text, i) => ({ id: i + 1, title: '', outlet: `Outlet ${i + 1}`, url: `https://outlet${i + 1}.example/story`, text }));
}

describe('would I post this?', () => {
  it('shows no dateline, caption, fragment, aside or repeated takeaway on clusters with all of them', () => {
    for (const cluster of CLUSTERS) {
      const b = briefExtractive({ articles: articles(cluster) });
      expect(problemsOf(b), JSON.stringify(b, null, 1)).toEqual([]);
      const shown = [b.lede, ...b.takeaways.map((t) => t.text), ...splitSentences(b.whyItMatters)];
      for (const s of shown) {
        expect(s, s).not.toMatch(/^(?:But|And|Yet|However|This complexity)\b|RELATED|FILE -|\(Reuters\)|\(AP\)|_ |^I |We will update/);
        expect(leansOnContext(s) && s === b.lede, s).toBe(false);
      }
      expect(b.headline).not.toMatch(/…$/);
    }
  });
});

describe('the lede with a few quoted words', () => {
  it('is still the reporter\'s sentence; a sentence that is mostly a quote is not a lede', () => {
    expect(mostlyQuoted('The number of sponsors who left the podcast rose to six on Monday after its host\'s "careless words" about a nurse.')).toBe(false);
    expect(mostlyQuoted('"We will not be bullied by anyone, and we will keep the show," the host said.')).toBe(true);
    expect(mostlyQuoted('The host said the network had "made a decision that hurts every one of our listeners" on Friday.')).toBe(true);
    // A quoted title opening the sentence is the reporter's words.
    expect(mostlyQuoted('"Harbor Hour" host Dana Quill is taking a pay cut as the network trims the budget of the show.')).toBe(false);
    const b = briefExtractive({
      articles: articles([
        'The number of sponsors who left the Harbor Hour podcast rose to six on Monday after its host\'s "careless words" about a nurse who testified to the city council. ' +
          'A mattress chain and a meal-kit company were the latest sponsors to leave the podcast. ' +
          'The nurse had told the council that the hospital lacked staff for its night shifts. ' +
          'The host apologised on Sunday, but two more sponsors left after the apology. ' +
          'A petition urging the sponsors to leave has gathered 40,000 signatures.',
        'Sponsors keep leaving the Harbor Hour podcast. ' +
          'The podcast lost its sixth sponsor on Monday, a meal-kit company, after the host\'s remarks about a nurse. ' +
          'Harbor Hour, in its host\'s view, has been judged unfairly by sponsors who never listened to it. ' +
          'The nurse said she would keep speaking about staffing at the hospital.',
      ]),
    });
    expect(b.lede).toMatch(/^The number of sponsors who left the Harbor Hour podcast rose to six on Monday/);
  });
});

describe('lines that lean on the one before or speak of the article', () => {
  it('weighs "That\'s ..." as leaning on the sentence before: never a lede or a why', () => {
    expect(leansOnContext('That’s despite the fact that the ratings of the channel fell for years.')).toBe(true);
    expect(leansOnContext("That's up from 12 percent a year earlier, the agency said.")).toBe(true);
    expect(leansOnContext('That report was published by the ministry on Monday.')).toBe(true);
    expect(leansOnContext('Thatcher’s government sold the railways in the 1990s.')).toBe(false);
    expect(leansOnContext('Further complicating matters is the demand that the port workers return first.')).toBe(true);
    expect(leansOnContext('Adding to the pressure, the second ferry line stopped on Friday.')).toBe(true);
    expect(leansOnContext('Further talks on the ferry line are planned for June.')).toBe(false);
    expect(leansOnContext('Each of these steps needs its own vote in the port council.')).toBe(true);
    expect(leansOnContext('Two of them were released on Friday.')).toBe(true);
    expect(leansOnContext('Each of the three ports will get a new crane.')).toBe(false);
  });

  it('refuses a contributor line and a note on the article itself', () => {
    expect(usable('Maria Lopez and Tom Reed contributed to this report from Lisbon.')).toBe(false);
    expect(usable('Staff writer Ana Ruiz contributed reporting to this story.')).toBe(false);
    expect(usable('The museum thanks the historians whose research is presented in this article; their work is used with permission.')).toBe(false);
    expect(usable('This story has been updated to include a statement from the port authority.')).toBe(false);
    expect(usable('The report contributed to the resignation of the port authority chief in June.')).toBe(true);
  });

  it('cuts a headline after its main verb, never after a participle that only describes the subject', () => {
    const h = headlineFromLede('A former Harbor City school bursar accused of fraud by three of her colleagues took a plea deal on Wednesday to avoid a long trial.');
    expect(h).toBe('A former Harbor City school bursar accused of fraud by three of her colleagues took a plea deal');
    expect(headlineFromLede('Between 2019 and 2022, thousands of farmers in the northern valley lost their land in the floods, making it the worst decade on record.')).toBe(
      'Thousands of farmers in the northern valley lost their land in the floods',
    );
    expect(headlineFromLede('The Regional Transit Board apologizes for the wrong names of the drivers it published on Monday, which were taken from an old list.')).toBe(
      'The Regional Transit Board apologizes for the wrong names of the drivers it published on Monday',
    );
  });

  it('finds the verb of a headline in an irregular past tense', () => {
    // Without "went" as a verb no cut had one, and the first sixteen words ended "...over its plan".
    expect(headlineFromLede('The mayor of Brightwater went to court on Tuesday against the regional water board, the city utility, over its plan to double the price of water for homes.')).toBe(
      'The mayor of Brightwater went to court on Tuesday',
    );
  });
});

describe('a takeaway that refers back', () => {
  it('is shown with the sentence before it, never alone', () => {
    const b = briefExtractive({
      articles: articles([
        'The port authority of Lunden closed the northern ferry terminal on Tuesday after cracks were found in its pier. ' +
          'Inspectors said the cracks had spread over the winter. ' +
          'This closure cuts the only ferry link between Lunden and the island of Marrow for at least six months. ' +
          'Island shops said they would run out of fresh food within a week.',
        'Lunden closed its northern ferry terminal on Tuesday because of cracks in the pier. ' +
          'The island of Marrow loses its only ferry link to Lunden for at least six months. ' +
          'These repairs will cost the port authority about 14 million euros, its director said. ' +
          'The director said the port would run a temporary boat for medical cases.',
      ]),
    });
    for (const t of b.takeaways) expect(t.text, t.text).not.toMatch(/^(?:This|These|Those|That|Such)\s+\p{Ll}|^That['’]s/u);
    // One source, where the fact is only in a sentence that refers back: it comes with its antecedent.
    const one = briefExtractive({
      articles: articles([
        'The port authority of Lunden closed the northern ferry terminal on Tuesday after cracks were found in its pier. ' +
          'Engineers will replace the pier with a floating dock built in the shipyard of Varn. ' +
          'This dock will cost the port authority about 14 million euros and take six months to build. ' +
          'The island of Marrow will be served by a temporary boat for medical cases. ' +
          'Island shops said they would run out of fresh food within a week. ' +
          'The island council asked the government for an emergency supply flight.',
      ]),
    });
    const dock = one.takeaways.find((t) => /14 million euros/.test(t.text));
    expect(dock?.text).toBe('Engineers will replace the pier with a floating dock built in the shipyard of Varn. This dock will cost the port authority about 14 million euros and take six months to build.');
  });
});

import { describe, expect, it } from 'vitest';
import { buildDraft, canonicalUrl, cleanText, contentHash, detectLanguage, fileUrl, isBoilerplateLine, isHardWrapped, isLayoutLine, isProse } from '../../src/ingest/normalize.js';

describe('canonicalUrl', () => {
  it('lowercases scheme and host, drops fragment and tracking params, sorts the query', () => {
    expect(canonicalUrl('HTTPS://News.Example.COM/World/Story?utm_source=x&b=2&fbclid=abc&a=1&gclid=z&ref=home#comments')).toBe(
      'https://news.example.com/World/Story?a=1&b=2',
    );
    expect(canonicalUrl('http://news.example:80/a?utm_medium=rss')).toBe('http://news.example/a');
  });

  it('turns absolute paths into file:// URLs', () => {
    expect(fileUrl('/tmp/some dir/a.txt')).toBe('file:///tmp/some%20dir/a.txt');
  });
});

describe('cleanText', () => {
  it('collapses whitespace, separates paragraphs by one blank line and joins hard-wrapped lines', () => {
    const raw = 'The  mayor   opened the new bridge on a wet morning, with a small crowd\nwatching from the river bank.\n\n\n\nTraffic will use it from Monday, officials said.';
    expect(cleanText(raw)).toBe(
      'The mayor opened the new bridge on a wet morning, with a small crowd watching from the river bank.\n\nTraffic will use it from Monday, officials said.',
    );
  });

  it('drops share/follow/subscribe lines, related-article headings, bullets and captions', () => {
    const raw = [
      'Share this article',
      '• Share',
      'Follow us on Twitter',
      'Subscribe to our newsletter for daily updates',
      'The dam inspection found two small cracks that engineers say pose no danger.',
      'Workers on the dam wall',
      'Advertisement',
      'Related Articles',
      'Read more: Older dam story',
      'Repairs are planned for the dry season, the water board said.',
    ].join('\n');
    expect(cleanText(raw)).toBe(
      'The dam inspection found two small cracks that engineers say pose no danger.\n\nRepairs are planned for the dry season, the water board said.',
    );
  });
});

describe('language and hash', () => {
  it('detects English and French, "und" for short text', () => {
    expect(detectLanguage('The negotiators met again on Wednesday to discuss the proposal and agreed to continue talks next week.')).toBe('en');
    expect(detectLanguage('Les négociateurs se sont réunis mercredi pour discuter de la proposition et ont accepté de poursuivre les discussions.')).toBe('fr');
    expect(detectLanguage('Hello there')).toBe('und');
  });

  it('hashes the same content the same way regardless of case and spacing', () => {
    expect(contentHash('Talks  resume\n\nin Cairo.')).toBe(contentHash('talks resume in cairo.'));
    expect(contentHash('Talks resume in Cairo.')).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash('Talks resume in Doha.')).not.toBe(contentHash('Talks resume in Cairo.'));
  });

  it('buildDraft canonicalises the URL and cleans text', () => {
    const d = buildDraft({
      url: 'https://News.example/a?utm_campaign=x',
      title: '  Bridge  opens ',
      text: 'The new bridge opened on Tuesday after two years of work on the river crossing.\n\nShare',
      via: 'page',
      outlet: 'News Example',
    });
    expect(d).toMatchObject({ url: 'https://news.example/a', title: 'Bridge opens', outlet: 'News Example', language: 'en', via: 'page' });
    expect(d.text).toBe('The new bridge opened on Tuesday after two years of work on the river crossing.');
    expect(d.contentHash).toBe(contentHash(d.text));
  });
});

describe('cleanText: layout is not prose', () => {
  it('drops headings, emoji headings, text diagrams and table rows whose cells ran together', () => {
    const raw = [
      '🏛️ HARBOUR TALKS: Port Authority and Dockers Meet to End the Strike',
      '',
      'Negotiators for the port authority and the dockers union met on Tuesday to end a nine-day strike.',
      '',
      '[Union Files Claim] ──► [Mediator Appointed] ──► [Vote on Offer]',
      '',
      '📊 The Strike in Numbers: Day 9',
      '',
      'Phase One RepairsFixing the cranesClearing the berths',
      'Phase Two TermsPay rise of 4%Shorter night shifts',
      '',
      'Pay Offer Puts Vote Within Reach',
      'The authority raised its pay offer to 4 percent, and the union will put it to a vote on Friday.',
    ].join('\n');
    expect(cleanText(raw)).toBe(
      'Negotiators for the port authority and the dockers union met on Tuesday to end a nine-day strike.\n\n' +
        'The authority raised its pay offer to 4 percent, and the union will put it to a vote on Friday.',
    );
  });

  it('keeps list items as lines of their own, without the glyph or a number glued to the text', () => {
    const raw = 'Key points of the offer:\n• 1The pay rise is 4 percent over two years.\n▪ Night shifts get shorter from March.';
    expect(cleanText(raw)).toBe('Key points of the offer:\n\nThe pay rise is 4 percent over two years.\n\nNight shifts get shorter from March.');
  });

  it('keeps a hard-wrapped sentence whose first line is full of names', () => {
    const raw = 'Port Authority chief Dana Holm, Union President Marta Kolby and Mediator\nAnders Lund met on Tuesday and agreed to keep talking until Friday.';
    expect(cleanText(raw)).toBe(
      'Port Authority chief Dana Holm, Union President Marta Kolby and Mediator Anders Lund met on Tuesday and agreed to keep talking until Friday.',
    );
  });
});

describe('prose is never removed by the line rules', () => {
  // One paragraph, names with a lower-case letter before a capital, a trailing photo caption.
  const paragraph =
    'The cycling team unveiled its new bikes at a launch in Girona on Monday, with riders showing them off on YouTube and on an iPad app built by the sponsor. ' +
    'Engineers from McLaren helped design the frames, which weigh just under seven kilograms and use a new carbon weave. ' +
    'The team hopes the bikes will help in the mountain stages of the Tour later this summer. ' +
    'Riders tested the new frames on the climbs above the city';

  it('isProse: 25 words or more with two sentence breaks', () => {
    expect(isProse(paragraph)).toBe(true);
    expect(isProse('Phase One FinalizationSolidifying the truce linesPhase TwoWithdrawal of forces')).toBe(false);
    expect(isProse('A short sentence. Another one. And a third.')).toBe(false);
  });

  it('keeps a whole article given as one paragraph with a trailing caption and camel-case names', () => {
    expect(cleanText(paragraph)).toBe(paragraph);
    expect(isLayoutLine(paragraph)).toBe(false);
    expect(isBoilerplateLine(paragraph)).toBe(false);
  });

  it('still drops table rows whose cells ran together, headings and share lines around prose', () => {
    const raw = ['Share this article', 'Stage OneFlat RouteStage TwoHill Finish', paragraph, 'Follow us on Twitter'].join('\n\n');
    expect(cleanText(raw)).toBe(paragraph);
  });

  it('does not drop a long paragraph that opens like boilerplate', () => {
    const opening = `Copyright disputes over the team kit went to court last spring. ${paragraph}`;
    expect(cleanText(opening)).toBe(opening);
  });

  it('judges a hard-wrapped paragraph whole: its title-case lines are pieces of a sentence', () => {
    const wrapped = [
      'The Minister For Transport Anna Berg And The Mayor Of Uppsala Jonas',
      'Lind opened the new tram line on Saturday in front of a crowd of about',
      'two thousand people who waited for hours in the rain to ride the first car',
      'across the river.',
    ];
    expect(isHardWrapped(wrapped)).toBe(true);
    expect(cleanText(wrapped.join('\n'))).toBe(wrapped.join(' '));
  });
});

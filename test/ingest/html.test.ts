import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractError, extractArticle, htmlToText } from '../../src/ingest/html.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('extractArticle', () => {
  const page = extractArticle(fixture('article.html'), 'https://courier.example/city/bike-lanes');

  it('reads title, outlet, canonical link and published date', () => {
    expect(page).toMatchObject({
      title: 'Council approves new bike lanes',
      outlet: 'Riverside Courier',
      canonicalUrl: 'https://courier.example/city/bike-lanes?utm_medium=social',
      publishedAt: '2026-06-03T14:20:00.000Z',
      lang: 'en',
    });
  });

  it('keeps the article paragraphs and strips nav, share, ads, captions, related links, newsletter, footer', () => {
    const paragraphs = page.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The city council voted seven to two/);
    for (const junk of ['Home', 'Share', 'Tweet', 'Cyclists on Mill Street at rush hour', 'Advertisement', 'Related Articles', 'Bridge repairs delayed', 'newsletter', 'Most read', 'Copyright']) {
      expect(page.text).not.toContain(junk);
    }
  });

  it('finds dates in JSON-LD, <meta name=date> and <time datetime>', () => {
    const body = `<p>${'The harbour board met to review the dredging contract and approved a smaller budget. '.repeat(4)}</p>`;
    const ld = extractArticle(`<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2026-02-01T09:00:00Z"}]}</script></head><body><article>${body}</article></body></html>`);
    expect(ld.publishedAt).toBe('2026-02-01T09:00:00.000Z');
    const meta = extractArticle(`<html><head><meta name="date" content="2026-02-02"></head><body><article>${body}</article></body></html>`);
    expect(meta.publishedAt).toBe('2026-02-02T00:00:00.000Z');
    const time = extractArticle(`<html><body><article><time datetime="2026-02-03T10:00:00Z">Feb 3</time>${body}</article></body></html>`);
    expect(time.publishedAt).toBe('2026-02-03T10:00:00.000Z');
  });

  it('rejects a page without article text', () => {
    const empty = '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav><div class="ad">Advertisement</div><p>Subscribe now</p><footer>About us</footer></body></html>';
    expect(() => extractArticle(empty)).toThrow(ExtractError);
    expect(() => extractArticle(empty)).toThrow('no article text found');
  });
});

describe('htmlToText', () => {
  it('turns block elements into paragraphs and decodes entities', () => {
    expect(htmlToText('<p>First point, made clearly &amp; briefly here.</p><p>Second point follows&nbsp;it at once.</p>')).toBe(
      'First point, made clearly & briefly here.\n\nSecond point follows it at once.',
    );
  });
});

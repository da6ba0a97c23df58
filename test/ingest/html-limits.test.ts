// Hostile page shapes: deep nesting and huge element/attribute counts are parsed in bounded time,
// read as plain text with the reason named, and the batch goes on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, type CollectedItem } from '../../src/ingest/collect.js';
import { scanHtml } from '../../src/ingest/html-stream.js';
import { extractArticle, HTML_LIMITS, htmlToText } from '../../src/ingest/html.js';

const PROSE =
  'The county board approved the new bus timetable on Tuesday after months of complaints from riders in the valley towns, and the first changes start next month. ';

function nested(depth: number, tag = 'div'): string {
  return `<!DOCTYPE html><html><head><title>Bus timetable approved</title></head><body>${`<${tag}>`.repeat(depth)}<p>${PROSE.repeat(3)}</p>${`</${tag}>`.repeat(depth)}</body></html>`;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('scanHtml', () => {
  it('measures depth, elements and attributes in one linear pass and keeps the text', () => {
    const scan = scanHtml('<html><head><title>T</title><script>var x = 1;</script></head><body><div class="a" id="b"><p>One <b>two</b></p><br><p>Three</p></div></body></html>', HTML_LIMITS);
    expect(scan.depth).toBe(5); // html > body > div > p > b
    expect(scan.attributes).toBe(2);
    expect(scan.over).toBeUndefined();
    expect(scan.title).toBe('T');
    expect(scan.text).toBe('One two\n\nThree');
  });

  it('names the limit a page is over', () => {
    expect(scanHtml(nested(150), HTML_LIMITS).over).toBe('nested 153 elements deep (limit 100)');
    expect(scanHtml(`<body>${'<i>x</i>'.repeat(12_000)}</body>`, HTML_LIMITS).over).toMatch(/^12\d{3} elements \(limit 10000\)$/);
    expect(scanHtml(`<body><p ${Array.from({ length: 60_000 }, (_, i) => `a${i}=1`).join(' ')}>x</p></body>`, HTML_LIMITS).over).toBe(
      '60000 attributes (limit 50000)',
    );
  });
});

describe('extractArticle on hostile shapes', () => {
  it('reads a 5,000-deep page in bounded time as plain text, naming the reason', () => {
    const { value, ms } = timed(() => extractArticle(nested(5000)));
    expect(ms).toBeLessThan(2000); // minutes before the pre-pass
    expect(value.limited).toBe('nested 5003 elements deep (limit 100)');
    expect(value.title).toBe('Bus timetable approved');
    expect(value.text).toContain('The county board approved the new bus timetable');
  }, 20_000);

  it('reads a 10,000-deep page without a stack overflow', () => {
    const { value, ms } = timed(() => extractArticle(nested(10_000, 'span')));
    expect(ms).toBeLessThan(2000);
    expect(value.limited).toMatch(/^nested 10003 elements deep/);
  }, 20_000);

  it('keeps the DOM path for ordinary pages, and bounds feed HTML the same way', () => {
    expect(extractArticle(nested(20)).limited).toBeUndefined();
    const { value, ms } = timed(() => htmlToText(`${'<div>'.repeat(8000)}${PROSE}${'</div>'.repeat(8000)}`));
    expect(ms).toBeLessThan(2000);
    expect(value).toContain('bus timetable');
  }, 20_000);
});

describe('collect: a deep page in a folder', () => {
  it('stores it with a note naming the reason, and the batch goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-deep-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a-deep.html'), nested(5000));
    writeFileSync(join(dir, 'b-plain.txt'), `Library hours extended\n\n${PROSE.replace('bus timetable', 'library hours')}`);
    const items: CollectedItem[] = [];
    const t = performance.now();
    for await (const item of collect([dir])) items.push(item);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(items.map((i) => i.kind)).toEqual(['notice', 'article', 'article']);
    expect(items[0]).toMatchObject({ kind: 'notice', message: expect.stringMatching(/a-deep\.html: page nested 5003 elements deep \(limit 100\); read as plain text/) });
  }, 20_000);
});

// What every Slack message newsbrief sends must satisfy: Slack's limits, and no text that could
// ping anyone or make a link other than our own numbered source links. Used by the renderer tests
// and by the end-to-end tests on what reached the local response_url server.
import { expect } from 'vitest';

interface Text {
  type: string;
  text: string;
  verbatim?: boolean;
}
interface Block {
  type: string;
  text?: Text;
  elements?: Text[];
}
export interface Message {
  text: string;
  blocks: Block[];
}

/** Our links: `<http(s)://...|label>` with nothing in the URL that could end it. */
const LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>|]*)>/g;

/** Every text of a message (fallback, headers, sections, context). */
export function textsOf(m: Message): string[] {
  const out = [m.text];
  for (const b of m.blocks) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) out.push(e.text);
  }
  return out;
}

/** The URLs linked in a message. */
export function linksOf(m: Message): string[] {
  return textsOf(m).flatMap((t) => [...t.matchAll(LINK)].map((x) => x[1]!));
}

export function expectValidBlockKit(m: Message, allowedHosts: string[] = []): void {
  expect(typeof m.text).toBe('string');
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.blocks.length).toBeGreaterThan(0);
  expect(m.blocks.length).toBeLessThanOrEqual(50);
  let total = 0;
  for (const b of m.blocks) {
    expect(['header', 'section', 'context', 'divider']).toContain(b.type);
    if (b.type === 'header') {
      expect(b.text!.type).toBe('plain_text');
      expect(b.text!.text.length).toBeGreaterThan(0);
      expect(b.text!.text.length).toBeLessThanOrEqual(150);
    }
    if (b.type === 'section') {
      expect(b.text!.type).toBe('mrkdwn');
      expect(b.text!.verbatim).toBe(true);
      expect(b.text!.text.trim().length).toBeGreaterThan(0);
      expect(b.text!.text.length).toBeLessThanOrEqual(3000);
    }
    if (b.type === 'context') {
      expect(b.elements!.length).toBeGreaterThan(0);
      expect(b.elements!.length).toBeLessThanOrEqual(10);
      for (const e of b.elements!) {
        expect(e.text.length).toBeLessThanOrEqual(3000);
        expect(e.verbatim).toBe(true);
      }
    }
    total += (b.text?.text.length ?? 0) + (b.elements ?? []).reduce((n, e) => n + e.text.length, 0);
  }
  expect(total).toBeLessThan(12_000);
  for (const t of textsOf(m)) {
    const bare = t.replace(LINK, '');
    // No markup left: no "<" or ">" outside our links, every "&" an escape.
    expect(bare).not.toMatch(/[<>]/);
    expect(bare.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    // Nothing Slack reads as a mention, even where it parses plain words.
    expect(t).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(t).not.toMatch(/<[!@#]/);
  }
  for (const href of linksOf(m)) {
    const host = new URL(href.replace(/&amp;/g, '&')).hostname;
    expect(allowedHosts.length === 0 || allowedHosts.includes(host), `link to ${host}`).toBe(true);
  }
}

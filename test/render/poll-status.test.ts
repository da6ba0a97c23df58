// A source's poll state in `sources list`, in words, on every surface (console/CLI Markdown,
// Discord, Slack, JSON), with the channel's time zone; a server's error text can neither ping
// anyone nor add markup.
import { describe, expect, it } from 'vitest';
import type { ChannelSourcesView } from '../../src/commands/view.js';
import { pollStatusText } from '../../src/render/poll-status.js';
import { renderMarkdown } from '../../src/render/markdown/index.js';
import { renderDiscord } from '../../src/render/discord/index.js';
import { renderSlack } from '../../src/render/slack/index.js';
import { viewJson } from '../../src/render/json.js';

const NOW = new Date('2026-05-04T10:00:00Z');
const at = (min: number): string => new Date(NOW.getTime() + min * 60_000).toISOString();

describe('poll status text', () => {
  it('says how a source is doing and when it is next polled', () => {
    expect(pollStatusText(undefined, NOW)).toBe('not polled yet');
    expect(pollStatusText({ url: 'u', intervalMs: 900_000, nextDueAt: at(0), failures: 0 }, NOW)).toBe('first poll due now');
    expect(pollStatusText({ url: 'u', intervalMs: 900_000, nextDueAt: at(15), lastPolledAt: at(0), failures: 0 }, NOW)).toBe('first poll running');
    expect(pollStatusText({ url: 'u', intervalMs: 900_000, nextDueAt: at(11.5), lastPolledAt: at(-4), lastSuccessAt: at(-4), failures: 0 }, NOW)).toBe('ok, next in 12 min');
    expect(pollStatusText({ url: 'u', intervalMs: 900_000, nextDueAt: at(90), lastSuccessAt: at(-4), failures: 0 }, NOW)).toBe('ok, next in 1 h 30 min');
    expect(pollStatusText({ url: 'u', intervalMs: 900_000, nextDueAt: at(-1), lastSuccessAt: at(-16), failures: 0 }, NOW)).toBe('ok, due now');
    const failing = { url: 'u', intervalMs: 900_000, nextDueAt: at(42), lastPolledAt: at(-18), lastSuccessAt: at(-200), failures: 3, lastError: 'HTTP 503' };
    expect(pollStatusText(failing, NOW)).toBe('failing 3× (HTTP 503), backing off until 10:42; last ok 06:40');
    // In the channel's zone; a time on another local day says which.
    expect(pollStatusText(failing, NOW, 'Asia/Tokyo')).toBe('failing 3× (HTTP 503), backing off until 19:42; last ok 15:40');
    expect(pollStatusText({ ...failing, nextDueAt: at(16 * 60), lastSuccessAt: undefined }, NOW, 'UTC')).toBe('failing 3× (HTTP 503), backing off until May 5, 02:00');
    expect(pollStatusText({ ...failing, nextDueAt: at(-1) }, NOW)).toMatch(/^failing 3× \(HTTP 503\), retry due now/);
  });
});

describe('sources list on every surface', () => {
  const hostile = 'HTTP 503 @everyone <@123> <!channel> **bold** [click](https://evil.example/) `code`';
  const view: ChannelSourcesView = {
    kind: 'sources',
    max: 50,
    at: NOW.toISOString(),
    sources: [
      { url: 'https://news.example/feed.xml', addedAt: '2026-05-01T00:00:00.000Z', poll: { url: 'https://news.example/feed.xml', intervalMs: 900_000, nextDueAt: at(12), lastSuccessAt: at(-3), failures: 0 } },
      { url: 'https://flaky.example/rss', addedAt: '2026-05-02T00:00:00.000Z', poll: { url: 'https://flaky.example/rss', intervalMs: 900_000, nextDueAt: at(42), failures: 3, lastError: hostile } },
      { url: 'https://new.example/rss', addedAt: '2026-05-03T00:00:00.000Z', everyMs: 30 * 60_000 },
    ],
  };

  it('Markdown (console, CLI) and Discord: each source with its state, the error text escaped', () => {
    const md = renderMarkdown(view, { timeZone: 'UTC' });
    expect(md).toContain('1. <https://news.example/feed.xml> (added 2026-05-01): ok, next in 12 min');
    expect(md).toMatch(/2\. <https:\/\/flaky\.example\/rss> \(added 2026-05-02\): failing 3× \(HTTP 503 .*\), backing off until 10:42/);
    expect(md).toContain('3. <https://new.example/rss> (added 2026-05-03, every 30m): not polled yet');
    const discord = renderDiscord(view, { timeZone: 'Asia/Tokyo' }).map((m) => m.content ?? '').join('\n');
    expect(discord).toContain('backing off until 19:42');
    for (const out of [md, discord]) {
      expect(out).not.toMatch(/@everyone|<@123>|<!channel>/);
      expect(out).not.toContain('**bold**');
      expect(out).not.toContain('[click](');
      expect(out).toContain('\\*\\*bold\\*\\*');
    }
    expect(renderDiscord(view).every((m) => m.allowed_mentions.parse.length === 0)).toBe(true);
  });

  it('Slack: the same states, the error text as text (no mention, no link)', () => {
    const text = JSON.stringify(renderSlack(view, { timeZone: 'UTC' }));
    expect(text).toContain('ok, next in 12 min');
    expect(text).toContain('backing off until 10:42');
    expect(text).toContain('(added 2026-05-03, every 30m): not polled yet');
    expect(text).not.toMatch(/@everyone|<@123>|<!channel>|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('JSON: the states as data', () => {
    const json = viewJson(view) as Array<{ url: string; poll?: { failures: number; lastError?: string } }>;
    expect(json[1]!.poll).toMatchObject({ failures: 3, lastError: hostile });
    expect(json[2]!.poll).toBeUndefined();
  });

  it('a view without a time (no poll state known) lists the sources as before', () => {
    const { at: _none, ...bare } = view;
    expect(renderMarkdown(bare)).toContain('1. <https://news.example/feed.xml> (added 2026-05-01)\n');
  });
});

// Every URL shown is escaped; only http(s) is a link; mention tokens never reach a channel live.
import { describe, expect, it } from 'vitest';
import { renderBriefingMarkdown, renderStoriesMarkdown } from '../../src/render/markdown/briefing.js';
import { markdownUrl, neutralizeMentions } from '../../src/render/markdown/escape.js';
import type { Briefing } from '../../src/domain/types.js';
import { renderTimelineMarkdown } from '../../src/render/markdown/queries.js';

/** The autolink's body: what is between the first `<` and the first `>`. */
function autolinkBody(md: string): string {
  const m = /<([^<>]*)>/.exec(md);
  return m ? m[1]! : '';
}

describe('markdownUrl', () => {
  it('cannot be broken out of: > ( ) [ ] quotes, spaces and newlines are percent-encoded', () => {
    const md = markdownUrl('https://news.example/a?q=x>**bold**<script>&b=(1)[2]"\'` |\\ \n# heading');
    expect(md.startsWith('<https://news.example/a?q=x%3E**bold**%3Cscript%3E&b=%281%29%5B2%5D%22%27%60%20%7C%5C')).toBe(true);
    expect(md.endsWith('>')).toBe(true);
    expect(md.slice(1, -1)).not.toMatch(/[<>()[\]\s"'`|\\]/);
    expect(autolinkBody(md)).toBe(md.slice(1, -1));
  });

  it('keeps an ordinary URL as it is', () => {
    expect(markdownUrl('https://news.example/world/2026/06/05/story-title_x?id=7#top')).toBe('<https://news.example/world/2026/06/05/story-title_x?id=7#top>');
  });

  it('drops credentials and defuses mention tokens inside a URL', () => {
    const md = markdownUrl('https://user:secret@news.example/<@123456>/@everyone/<!here>?to=@here#<#987>');
    expect(md).toBe('<https://news.example/%3C@123456%3E/%40everyone/%3C!here%3E?to=%40here#%3C#987%3E>');
    expect(md).not.toContain('secret');
  });

  it('never renders javascript:, data:, file: or unparseable URLs as links', () => {
    for (const url of ['javascript:alert(1)//', 'data:text/html,<script>x</script>>@everyone', 'file:///home/a/news_1.txt', 'urn:newsbrief:text:abc', 'not a url <@1>']) {
      const md = markdownUrl(url);
      expect(md.startsWith('`') && md.endsWith('`')).toBe(true);
      expect(md.slice(1, -1)).not.toMatch(/[`<>\s]/);
      expect(md).not.toMatch(/@everyone|<@|<!/);
    }
    expect(markdownUrl(`https://news.example/${'a'.repeat(5000)}`).startsWith('`')).toBe(true);
  });
});

describe('neutralizeMentions', () => {
  it('defuses Discord and Slack mention tokens and nothing else', () => {
    expect(neutralizeMentions('ping @everyone and @here, <@123> <@!4> <@&5> <#6> <!here> <!channel> <!subteam^S1>')).toBe(
      'ping @\u200beveryone and @\u200bhere, <\u200b@123> <\u200b@!4> <\u200b@&5> <\u200b#6> <\u200b!here> <\u200b!channel> <\u200b!subteam^S1>',
    );
    expect(neutralizeMentions('mail me at ana@news.example')).toBe('mail me at ana@news.example');
  });
});

describe('renderers', () => {
  const briefing: Briefing = {
    headline: 'Pier reopens <@&42> @everyone',
    lede: 'The pier reopened on Monday.',
    takeaways: [{ text: 'Boats are back <!channel>.', sources: [1] }],
    whyItMatters: '',
    actors: [],
    sources: [
      { n: 1, title: 'Pier reopens', outlet: 'Coast <!here> News', url: 'https://coast.example/p?x=<@999>' },
      { n: 2, title: 'Pier (data)', url: 'data:text/html,<b>x</b>>' },
      { n: 3, title: 'Pier (js)', url: 'javascript:alert(document.cookie)' },
    ],
  };

  it('briefing: every URL escaped, non-web URLs not links, no live mention anywhere', () => {
    const md = renderBriefingMarkdown(briefing);
    expect(md).toContain('[1] Coast \\<\u200b!here\\> News, "Pier reopens" <https://coast.example/p?x=%3C@999%3E>');
    expect(md).toContain('[2] "Pier (data)" `data:');
    expect(md).toContain('`data:text/html,%3Cb%3Ex%3C/b%3E%3E`');
    expect(md).toContain('`javascript:alert(document.cookie)`');
    expect(md).not.toMatch(/<[@#!]|@everyone|@here|<data:|<javascript:/);
  });

  it('query answers and story lists escape the same way', () => {
    const md = renderTimelineMarkdown({
      entries: [{ date: '2026-06-01', text: 'Pier closed <@1>.', sources: [1], storyline: null } as never],
      sources: [{ n: 1, title: 'T', url: 'https://coast.example/a b>c' } as never],
    } as never);
    expect(md).toContain('<https://coast.example/a%20b%3Ec>');
    expect(md).not.toMatch(/<[@#!]/);
    const list = renderStoriesMarkdown([{ id: 1, headline: '@here x'.padEnd(1000, 'y'), articleCount: 1, updatedAt: '2026-06-01T00:00:00Z' } as never]);
    expect(list).toContain('@\u200bhere');
    expect(list.length).toBeLessThan(500);
  });
});

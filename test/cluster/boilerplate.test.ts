import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boilerplateReason } from '../../src/cluster/boilerplate.js';
import { createPipeline, textDraft } from '../../src/pipeline.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';

// Page furniture written for these tests: what a crawler gets instead of the story.
const SHARE_WIDGET =
  'Share this page with a friend. Enter your email address and the link to this page will be sent to them. ' +
  'You can copy the code below to embed this post on your website. Sign in to your account to manage settings.';
const ARCHIVE_NOTE =
  'This collection holds web pages captured by our crawler. Each crawl starts from a seed list of domains, and ' +
  'the archived pages and links found on them are added to the archive index after a delay.';
// A real (short) news item about a social network: it names the site but reports an event.
const NEWS_ABOUT_SOCIAL =
  'The city council of Ostrava voted on Monday to fine a landlord who advertised flooded flats on a social network ' +
  'without telling tenants about the damage. The landlord, who posted the listings from a company account, said he ' +
  'would appeal. Council members said the fine of 40,000 crowns was the largest the town had imposed under its ' +
  'housing rules, and that inspectors would visit the buildings on the river bank again in June.';

describe('boilerplate', () => {
  it('names sharing widgets and archive notices as page boilerplate', () => {
    expect(boilerplateReason(SHARE_WIDGET)).toMatch(/page boilerplate/);
    expect(boilerplateReason(ARCHIVE_NOTE)).toMatch(/page boilerplate/);
  });

  it('keeps short news that mentions the web', () => {
    expect(boilerplateReason(NEWS_ABOUT_SOCIAL)).toBeUndefined();
  });

  it('makes the pipeline reject a boilerplate page with that reason, and store nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbrief-boilerplate-'));
    const store = createSqliteStore(join(dir, 'news.db'));
    try {
      await store.init();
      const pipeline = createPipeline({ store });
      const out = await pipeline.ingest(textDraft({ url: 'https://a.test/share', title: 'Share', text: SHARE_WIDGET }));
      expect(out).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no article text: page boilerplate/) });
      const news = await pipeline.ingest(textDraft({ url: 'https://a.test/ostrava', title: 'Ostrava fines landlord', text: NEWS_ABOUT_SOCIAL }));
      expect(news.status).toBe('added');
      expect(await store.countArticles()).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

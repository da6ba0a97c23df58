// `stories [--since 7d] [--limit N]`: stories, most recently updated first (with their articles
// when the surface shows them: ctx.storyArticles).
import { z } from 'zod';
import { sinceIso } from '../domain/duration.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';
import { storyListItem } from './view.js';

export const MAX_LIMIT = 100_000;

export const stories = defineCommand({
  name: 'stories',
  description: 'List stories, most recently updated first',
  args: z.object({
    since: arg.duration('only stories updated in this window, e.g. 7d').optional(),
    limit: arg.count('at most n stories', MAX_LIMIT).default(50),
  }),
  async run(svc, a, ctx) {
    const list = await svc.store.listStories({ ...(a.since ? { since: sinceIso(a.since, svc.now()) } : {}), limit: a.limit });
    const items = [];
    // One story's articles at a time: never all the listed stories' texts in memory at once.
    for (const s of list) items.push(storyListItem(s, ctx.storyArticles ? await svc.store.getStory(s.id) : undefined));
    return { kind: 'stories', stories: items, anyUndated: items.some((s) => !s.lastPublishedAt) };
  },
});

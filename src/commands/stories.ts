// `stories [--since 7d] [--limit N]`: stories, most recently updated first, with their articles.
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
  async run(svc, a) {
    const list = await svc.store.listStories({ ...(a.since ? { since: sinceIso(a.since, svc.now()) } : {}), limit: a.limit });
    const full = await Promise.all(list.map((s) => svc.store.getStory(s.id)));
    const items = list.map((s, i) => storyListItem(s, full[i]));
    return { kind: 'stories', stories: items, anyUndated: items.some((s) => !s.lastPublishedAt) };
  },
});

// `digest [--since 24h] [--max N]`: briefings of the stories that moved in the window.
import { z } from 'zod';
import { digest as digestStories, storylineTitles } from '../app/commands.js';
import { arg } from './args.js';
import { askedFor, defineCommand } from './command.js';
import { digestView } from './view.js';
import { briefingProcess, processLookup } from './process-of.js';

export const MAX_DIGEST_STORIES = 1_000;

export const digest = defineCommand({
  name: 'digest',
  description: 'Briefings of the stories that moved in the window',
  args: z.object({
    since: arg.duration('window, e.g. 24h').default('24h'),
    max: arg.count('at most n stories', MAX_DIGEST_STORIES).optional(),
  }),
  async run(svc, a, ctx) {
    const items = await digestStories(svc, { since: a.since, maxStories: a.max ?? ctx.digestMaxStories, ...askedFor(ctx) });
    const view = digestView(a.since, items, await storylineTitles(svc, items.map((i) => i.story)));
    // Each entry about a phase names the agreement it belongs to, within its own storyline.
    const byStory = new Map(items.map((i) => [i.story.id, i.story]));
    const processes = processLookup(svc.search);
    for (const item of view.items) {
      const story = item.storyId !== undefined ? byStory.get(item.storyId) : undefined;
      if (!story) continue;
      const process = await briefingProcess(svc.search, item.briefing, [story.id], story.storylineId, processes);
      if (process) item.process = process;
    }
    return view;
  },
});

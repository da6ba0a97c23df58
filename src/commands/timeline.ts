// `timeline [topic] [--storyline ID] [--since 30d]`: dated events, oldest first.
import { z } from 'zod';
import { sinceOption, timelineQuery } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const timeline = defineCommand({
  name: 'timeline',
  description: 'Dated events of a topic or storyline, oldest first',
  args: z.object({
    topic: arg.words('words to match', { label: 'topic' }).optional(),
    storyline: arg.id('this storyline').optional(),
    since: arg.duration('only events in this window, e.g. 30d').optional(),
  }),
  positional: ['topic'],
  async run(svc, a) {
    const view = await timelineQuery(svc.search, {
      ...(a.topic ? { topic: a.topic } : {}),
      ...(a.storyline ? { storylineId: a.storyline } : {}),
      ...(a.since ? { since: sinceOption(a.since, svc.now()) } : {}),
    });
    return { kind: 'timeline', timeline: view };
  },
});

// `phase <name> [--process KEY] [--storyline ID]`: a phase of a process, its status, sticking
// points and dated timeline; when the name matches several processes, the one the channel follows
// (else the most recently active) leads and the others are listed with their keys.
import { z } from 'zod';
import { phaseNames, phaseQuery } from '../queries/index.js';
import { arg } from './args.js';
import { askedFor, defineCommand } from './command.js';
import { summarizeAnswer } from '../app/commands.js';

export const phase = defineCommand({
  name: 'phase',
  description: 'What a phase of a process holds, its status, sticking points and dated timeline',
  args: z.object({
    name: arg.words('e.g. "phase two", "first phase"', { label: 'name', complete: 'phases' }),
    storyline: arg.id('only this storyline').optional(),
    process: arg.text('pick one process when the name matches several (keys are listed)', { label: 'key' }).optional(),
  }),
  positional: ['name'],
  async run(svc, a, ctx) {
    // In a channel, the process it follows (its topic and actor subscriptions) leads the answer.
    let follows: string[] = [];
    if (ctx.place && !a.process) {
      try {
        follows = (await svc.channels.listSubscriptions(ctx.place)).filter((x) => x.kind !== 'all').map((x) => x.value);
      } catch {
        follows = []; // a channel store that cannot answer leaves the default order
      }
    }
    const answer = await phaseQuery(svc.search, a.name, {
      ...(a.storyline ? { storylineId: a.storyline } : {}),
      ...(a.process ? { process: a.process } : {}),
      ...(follows.length ? { follows } : {}),
    });
    return { kind: 'phase', answer, ...(await summarizeAnswer(svc.engine, { kind: 'phase', answer }, askedFor(ctx))) };
  },
  autocomplete: (svc, _field, prefix) => phaseNames(svc.search, prefix),
});

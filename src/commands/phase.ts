// `phase <name> [--process KEY] [--storyline ID]`: a phase of a process, its status, sticking
// points and dated timeline; the candidates when the name matches several processes.
import { z } from 'zod';
import { phaseNames, phaseQuery } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const phase = defineCommand({
  name: 'phase',
  description: 'What a phase of a process holds, its status, sticking points and dated timeline',
  args: z.object({
    name: arg.words('e.g. "phase two", "first phase"', { label: 'name', complete: 'phases' }),
    storyline: arg.id('only this storyline').optional(),
    process: arg.text('pick one process when the name matches several (keys are listed)', { label: 'key' }).optional(),
  }),
  positional: ['name'],
  async run(svc, a) {
    const answer = await phaseQuery(svc.search, a.name, {
      ...(a.storyline ? { storylineId: a.storyline } : {}),
      ...(a.process ? { process: a.process } : {}),
    });
    return { kind: 'phase', answer };
  },
  autocomplete: (svc, _field, prefix) => phaseNames(svc.search, prefix),
});

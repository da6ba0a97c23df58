// `actors [prefix]`, `phases [prefix]`: names for autocompletion, best first (at most 25).
import { z } from 'zod';
import { actorNames, phaseNames } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const actors = defineCommand({
  name: 'actors',
  description: 'Actor names for autocompletion, best first (at most 25)',
  args: z.object({ prefix: arg.text('first letters', { label: 'prefix', complete: 'actors' }).optional() }),
  positional: ['prefix'],
  async run(svc, a) {
    return { kind: 'names', of: 'actors', names: await actorNames(svc.search, a.prefix) };
  },
  autocomplete: (svc, _field, prefix) => actorNames(svc.search, prefix),
});

export const phases = defineCommand({
  name: 'phases',
  description: 'Phase names for autocompletion, best first (at most 25)',
  args: z.object({ prefix: arg.text('first letters', { label: 'prefix', complete: 'phases' }).optional() }),
  positional: ['prefix'],
  async run(svc, a) {
    return { kind: 'names', of: 'phases', names: await phaseNames(svc.search, a.prefix) };
  },
  autocomplete: (svc, _field, prefix) => phaseNames(svc.search, prefix),
});

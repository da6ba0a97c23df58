// `actor <name> [--storyline ID]`: who an actor is, what it did and said lately.
import { z } from 'zod';
import { actorNames, actorQuery } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const actor = defineCommand({
  name: 'actor',
  description: 'Who an actor (person, group, country) is, and what it did and said lately',
  args: z.object({
    name: arg.words('a name or alias, e.g. Hamas, "al-Hayya", Türkiye', { label: 'name', complete: 'actors' }),
    storyline: arg.id('only this storyline').optional(),
  }),
  positional: ['name'],
  async run(svc, a) {
    return { kind: 'actor', answer: await actorQuery(svc.search, a.name, a.storyline ? { storylineId: a.storyline } : {}) };
  },
  autocomplete: (svc, _field, prefix) => actorNames(svc.search, prefix),
});

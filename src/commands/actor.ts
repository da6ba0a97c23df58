// `actor <name> [--storyline ID]`: who an actor is, what it did and said lately.
import { z } from 'zod';
import { actorNames, actorQuery } from '../queries/index.js';
import { arg } from './args.js';
import { askedFor, defineCommand } from './command.js';
import { nameScope } from './names.js';
import { summarizeAnswer } from '../app/commands.js';

export const actor = defineCommand({
  name: 'actor',
  description: 'Who an actor (person, group, country) is, and what it did and said lately',
  args: z.object({
    name: arg.words('a name or alias, e.g. Hamas, "al-Hayya", Türkiye', { label: 'name', complete: 'actors' }),
    storyline: arg.id('only this storyline').optional(),
  }),
  positional: ['name'],
  async run(svc, a, ctx) {
    const answer = await actorQuery(svc.search, a.name, a.storyline ? { storylineId: a.storyline } : {});
    // A model engine writes a short summary on top; the extractive engine leaves the answer as computed.
    return { kind: 'actor', answer, ...(await summarizeAnswer(svc.engine, { kind: 'actor', answer }, askedFor(ctx))) };
  },
  // With --storyline already given, only that storyline's names complete the name.
  autocomplete: (svc, _field, prefix, given) => actorNames(svc.search, prefix, nameScope(given)),
});

// `alias <alias> <canonical>`: admin, teaches an alias of an actor; later queries use it.
import { z } from 'zod';
import { actorNames, addActorAlias } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const alias = defineCommand({
  name: 'alias',
  description: 'Admin: teach an alias of an actor, e.g. alias "IOF" "Israeli military"',
  admin: true,
  args: z.object({
    alias: arg.text('the other name', { label: 'alias' }),
    canonical: arg.text('the actor it names', { label: 'canonical', complete: 'actors' }),
  }),
  positional: ['alias', 'canonical'],
  async run(svc, a) {
    await addActorAlias(svc.search, a.alias, a.canonical);
    return { kind: 'confirmation', message: `alias added: ${a.alias} = ${a.canonical}` };
  },
  autocomplete: (svc, _field, prefix) => actorNames(svc.search, prefix),
});

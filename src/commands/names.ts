// `actors [prefix] [--storyline ID | --story ID]`, `phases [prefix]`: names for autocompletion,
// best first (at most 25); actors of one storyline or story when one is given.
import { z } from 'zod';
import { actorNames, phaseNames, type NameScope } from '../queries/index.js';
import { arg } from './args.js';
import { defineCommand } from './command.js';

export const actors = defineCommand({
  name: 'actors',
  description: 'Actor names for autocompletion, best first (at most 25); of one storyline or story when given',
  args: z.object({
    prefix: arg.text('first letters', { label: 'prefix', complete: 'actors' }).optional(),
    storyline: arg.id('only names from this storyline\'s articles').optional(),
    story: arg.id('only names from this story\'s articles').optional(),
  }),
  positional: ['prefix'],
  check: (a) => (a.storyline !== undefined && a.story !== undefined ? 'give either --storyline or --story, not both' : undefined),
  async run(svc, a) {
    return { kind: 'names', of: 'actors', names: await actorNames(svc.search, a.prefix, nameScope(a)) };
  },
  autocomplete: (svc, _field, prefix, given) => actorNames(svc.search, prefix, nameScope(given)),
});

/**
 * The storyline or story whose names are offered: from the typed arguments, or from what a chat
 * platform says the user already filled in while another option is being completed.
 */
export function nameScope(given: { storyline?: unknown; story?: unknown } | undefined): NameScope {
  const id = (v: unknown): number | undefined => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
  };
  const storylineId = id(given?.storyline);
  const storyId = id(given?.story);
  return { ...(storylineId !== undefined ? { storylineId } : storyId !== undefined ? { storyId } : {}) };
}

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

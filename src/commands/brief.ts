// `brief [topic|url] [--story ID] [--across N]`: a story's briefing, the best match of a topic
// (pooled across the N best with --across), the latest story, or a web page fetched safely and
// briefed without storing it.
import { z } from 'zod';
import { briefStory, briefTopic, storylineTitles, summarize } from '../app/commands.js';
import { UserError } from '../domain/errors.js';
import { boundText } from '../domain/bounds.js';
import { arg } from './args.js';
import { askedFor, defineCommand } from './command.js';
import { briefingView } from './view.js';
import { briefingProcess } from './process-of.js';

export const MAX_ACROSS = 100;

const URL_RE = /^https?:\/\/\S+$/i;

export const brief = defineCommand({
  name: 'brief',
  description: 'Brief the best-matching story for TOPIC (or the latest story), or --story ID',
  args: z.object({
    topic: arg.words('words to match against stories, or a URL to brief', { label: 'topic', complete: 'stories' }).optional(),
    story: arg.id('brief this story').optional(),
    across: arg.count('one briefing across the n best-matching stories', MAX_ACROSS).optional(),
  }),
  positional: ['topic'],
  check: (a) => (a.story !== undefined && a.topic ? 'give either a TOPIC or --story, not both' : undefined),
  async run(svc, a, ctx) {
    const topic = a.topic ?? '';
    // The chat workspace pays for a model's briefing (per-workspace daily token budgets).
    const who = askedFor(ctx);
    if (URL_RE.test(topic)) {
      // The page itself, fetched through the safe fetcher and briefed; nothing stored, and no
      // conditional GET (a "not modified" would leave nothing to brief).
      const { validators: _ignored, ...collectOptions } = svc.collectOptions;
      for await (const r of summarize({ engine: svc.engine, collectOptions }, [topic], who)) {
        if ('error' in r) throw new UserError('unavailable', r.error.startsWith(r.input) ? r.error : `${r.input}: ${r.error}`);
        return briefingView(r.briefing);
      }
      throw new UserError('not_found', `${topic}: no article found`);
    }
    const result = a.story !== undefined ? await briefStory(svc, a.story, undefined, who) : await briefTopic(svc, topic, { ...(a.across ? { across: a.across } : {}), ...who });
    const view = briefingView(result.briefing, a.across && a.across > 1 ? undefined : result.story.id);
    // Pooled or single, one storyline: the answer names it.
    const line = result.story.storylineId;
    const title = line !== undefined ? (await storylineTitles(svc, [result.story])).get(line) : undefined;
    if (title !== undefined) view.storyline = { id: line!, title };
    const process = await briefingProcess(svc.search, result.briefing, [result.story.id], line);
    if (process) view.process = process;
    return view;
  },
  /** Story headlines matching what is typed (the latest stories before anything is), at most 25. */
  async autocomplete(svc, _field, prefix) {
    const found = prefix.trim() ? await svc.store.searchStories(prefix.slice(0, 200), 25) : await svc.store.listStories({ limit: 25 });
    return [...new Set(found.map((s) => boundText(s.headline, 100)))].slice(0, 25);
  },
});

// JSON of every view model: what `--json` prints. The shapes are the ones the README documents
// (a briefing; stories with their articles; [{storyId, briefing}]; the actor and phase answers;
// timeline entries with their sources inline), kept identical when the CLI moved onto the registry.
import type { View } from '../commands/view.js';

export function viewJson(view: View): unknown {
  switch (view.kind) {
    case 'briefing':
      return view.briefing;
    case 'stories':
      return view.stories.map((s) => ({
        id: s.id,
        headline: s.headline,
        updatedAt: s.updatedAt,
        ...(s.lastPublishedAt ? { lastPublishedAt: s.lastPublishedAt } : {}),
        articles: s.articles.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet, url: a.url, publishedAt: a.publishedAt })),
      }));
    case 'digest':
      return view.items.map((i) => ({ storyId: i.storyId, briefing: i.briefing }));
    case 'actor':
    case 'phase':
      // The answer as computed; a model's summary (or why there is none) beside it only when there is one.
      return view.summary || view.note ? { ...view.answer, ...(view.summary ? { summary: view.summary } : {}), ...(view.note ? { note: view.note } : {}) } : view.answer;
    case 'timeline': {
      const byN = new Map(view.timeline.sources.map((s) => [s.n, s]));
      return view.timeline.entries.map((e) => ({ ...e, sources: e.sources.map((n) => byN.get(n)).filter(Boolean) }));
    }
    case 'names':
      return view.names;
    case 'confirmation':
      return { ok: true, message: view.message };
    case 'sources':
      return view.sources;
    case 'subscriptions':
      return view.subscriptions;
    case 'settings':
      return { ...view.defaults, ...view.settings, changed: view.changed };
    case 'help':
      return view.commands;
    case 'refusal':
      return { refused: true, message: view.message };
    case 'error':
      return { error: view.code, message: view.message };
  }
}

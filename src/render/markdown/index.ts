// Markdown for every view model: the CLI and the console chat print this.
import type { View } from '../../commands/view.js';
import { renderBriefingMarkdown, renderDigestMarkdown, renderStoriesMarkdown } from './briefing.js';
import { inline, neutralizeMentions } from './escape.js';
import { renderHelpMarkdown, renderSettingsMarkdown, renderSourcesMarkdown, renderSubscriptionsMarkdown } from './channels.js';
import { renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown } from './queries.js';

export { renderBriefingMarkdown, renderDigestMarkdown, renderStoriesMarkdown, renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown };

export interface MarkdownOptions {
  /** IANA time zone the dates of moments (publication, last seen) are shown in: the channel's. Default UTC. */
  timeZone?: string;
}

export function renderMarkdown(view: View, opts: MarkdownOptions = {}): string {
  const tz = opts.timeZone ?? 'UTC';
  switch (view.kind) {
    case 'briefing':
      return renderBriefingMarkdown(view, tz);
    case 'digest':
      return renderDigestMarkdown(view, tz);
    case 'stories':
      return renderStoriesMarkdown(view, tz);
    case 'actor':
      return renderActorMarkdown(view.answer, tz, view);
    case 'phase':
      return renderPhaseMarkdown(view.answer, tz, view);
    case 'timeline':
      return renderTimelineMarkdown(view.timeline, tz);
    case 'names':
      // One name a line, as given (autocompletion lists are read by scripts too), mentions defused.
      return view.names.length ? view.names.map((n) => neutralizeMentions(n.replace(/\s+/g, ' '))).join('\n') + '\n' : '';
    case 'confirmation':
      return `${inline(view.message)}\n`;
    case 'sources':
      return renderSourcesMarkdown(view, tz);
    case 'subscriptions':
      return renderSubscriptionsMarkdown(view);
    case 'settings':
      return renderSettingsMarkdown(view);
    case 'help':
      return renderHelpMarkdown(view);
    case 'refusal':
      return `_${inline(view.message)}_\n`;
    case 'error':
      return `_${inline(view.message)}_\n`;
  }
}

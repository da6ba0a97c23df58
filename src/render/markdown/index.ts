// Markdown for every view model: the CLI and the console chat print this.
import type { View } from '../../commands/view.js';
import { renderBriefingMarkdown, renderDigestMarkdown, renderStoriesMarkdown } from './briefing.js';
import { inline, neutralizeMentions } from './escape.js';
import { renderHelpMarkdown, renderSettingsMarkdown, renderSourcesMarkdown, renderSubscriptionsMarkdown } from './channels.js';
import { renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown } from './queries.js';

export { renderBriefingMarkdown, renderDigestMarkdown, renderStoriesMarkdown, renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown };

export function renderMarkdown(view: View): string {
  switch (view.kind) {
    case 'briefing':
      return renderBriefingMarkdown(view);
    case 'digest':
      return renderDigestMarkdown(view);
    case 'stories':
      return renderStoriesMarkdown(view);
    case 'actor':
      return renderActorMarkdown(view.answer);
    case 'phase':
      return renderPhaseMarkdown(view.answer);
    case 'timeline':
      return renderTimelineMarkdown(view.timeline);
    case 'names':
      // One name a line, as given (autocompletion lists are read by scripts too), mentions defused.
      return view.names.length ? view.names.map((n) => neutralizeMentions(n.replace(/\s+/g, ' '))).join('\n') + '\n' : '';
    case 'confirmation':
      return `${inline(view.message)}\n`;
    case 'sources':
      return renderSourcesMarkdown(view);
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

// View models: what every command returns, for every surface (CLI, console, Discord, Slack). They
// hold data and what a view shows that must be computed (a briefing's news date and outlet count,
// a story's shown date), never Markdown or any platform's markup: src/render/* turns them into that.
import type { AnswerSummary, Briefing, Story, StoryWithArticles } from '../domain/types.js';
import { sourceOutlet } from '../domain/bounds.js';
import type { ActorAnswer, PhaseAnswer, TimelineView } from '../queries/index.js';
import type { ChannelSettings, ChannelSource, Subscription } from '../domain/channels.js';
import type { SourcePoll } from '../store/source-polls.js';

export interface BriefingView {
  kind: 'briefing';
  briefing: Briefing;
  /** The story briefed, when it is one stored story (not a URL, not pooled across stories). */
  storyId?: number;
  /** Latest publication date among the sources (ISO); absent when none is dated. */
  newsDate?: string;
  /** Distinct outlets covered (all of them, not only the sources listed). */
  outlets: number;
  /** Sources covered but not listed (bounded briefings list at most 20). */
  moreSources: number;
  /** The storyline the story belongs to (a developing story across many stories), when known. */
  storyline?: { id: number; title: string };
  /** The agreement the briefing's phase belongs to ("Gaza ceasefire of October 2025"), when known. */
  process?: string;
}

export interface ArticleRef {
  id: number;
  title: string;
  outlet?: string;
  url: string;
  publishedAt?: string;
}

export interface StoryListItem {
  id: number;
  headline: string;
  updatedAt: string;
  articleCount: number;
  /** The news date: latest publication date of its dated articles; absent when none is dated. */
  lastPublishedAt?: string;
  /** When it was last seen (ingested), for a story none of whose articles is dated. */
  lastSeenAt: string;
  /** Its articles, when the surface asked for them (CommandContext.storyArticles); else empty. */
  articles: ArticleRef[];
}

export interface StoryListView {
  kind: 'stories';
  stories: StoryListItem[];
  /** Some story has no dated article: its shown date is when it was ingested. */
  anyUndated: boolean;
}

export interface DigestView {
  kind: 'digest';
  /** The window asked for, as given ("24h"). */
  window: string;
  items: Array<BriefingView & { storyId: number }>;
}

/** A model's summary on top of a computed answer (the OpenAI engine), and why there is none when it was asked. */
export interface AnswerSummaryFields {
  /** Shown above the computed answer; its points cite the answer's sources. */
  summary?: AnswerSummary;
  /** "written offline: ..." when the model was asked and gave no usable summary. */
  note?: string;
}

export interface ActorAnswerView extends AnswerSummaryFields {
  kind: 'actor';
  answer: ActorAnswer;
}

export interface PhaseAnswerView extends AnswerSummaryFields {
  kind: 'phase';
  answer: PhaseAnswer;
}

export interface TimelineAnswerView {
  kind: 'timeline';
  timeline: TimelineView;
}

export interface NamesView {
  kind: 'names';
  of: 'actors' | 'phases';
  names: string[];
}

export interface ConfirmationView {
  kind: 'confirmation';
  message: string;
}

/** The sources a channel follows (`sources list`), oldest first, each with its poll state. */
export interface ChannelSourcesView {
  kind: 'sources';
  sources: Array<ChannelSource & { poll?: SourcePoll }>;
  /** The most a channel may have. */
  max: number;
  /** When the list was made (ISO): poll states read relative to it ("next in 12 min"). Absent: no states shown. */
  at?: string;
}

/** What a channel subscribes to (after `subscribe` / `unsubscribe`: the list as it now is). */
export interface SubscriptionsView {
  kind: 'subscriptions';
  /** One line on what the command changed ("subscribed to actor Hamas"); absent for a plain listing. */
  message?: string;
  subscriptions: Subscription[];
  max: number;
}

/** A channel's settings: what is set, and what an unset field follows. */
export interface ChannelSettingsView {
  kind: 'settings';
  /** Fields this command changed (empty: a plain look). */
  changed: Array<keyof ChannelSettings>;
  settings: ChannelSettings;
  defaults: Required<ChannelSettings>;
}

/** The commands there are (`help`), or one command's usage (`help <command>`). */
export interface HelpView {
  kind: 'help';
  commands: Array<{ name: string; usage: string; description: string; admin: boolean }>;
}

/** The asker may not do this (admin commands on chat platforms; a rate limit hit). */
export interface RefusalView {
  kind: 'refusal';
  message: string;
}

/** A user-facing failure (nothing found, bad input): one line, with a stable code. */
export interface ErrorView {
  kind: 'error';
  code: string;
  message: string;
}

export type View =
  | BriefingView
  | StoryListView
  | DigestView
  | ActorAnswerView
  | PhaseAnswerView
  | TimelineAnswerView
  | NamesView
  | ConfirmationView
  | ChannelSourcesView
  | SubscriptionsView
  | ChannelSettingsView
  | HelpView
  | RefusalView
  | ErrorView;

export function briefingView(briefing: Briefing, storyId?: number): BriefingView {
  const dates = briefing.sources.map((s) => s.publishedAt).filter((d): d is string => Boolean(d)).sort();
  const newsDate = dates.at(-1);
  return {
    kind: 'briefing',
    briefing,
    ...(storyId !== undefined ? { storyId } : {}),
    ...(newsDate ? { newsDate } : {}),
    outlets: briefing.coverage?.outlets ?? new Set(briefing.sources.map(sourceOutlet)).size,
    moreSources: Math.max(0, (briefing.coverage?.articles ?? 0) - briefing.sources.length),
  };
}

/**
 * A digest's view: each story's briefing with its story id and storyline, the stories of one
 * storyline together (in the order their storyline's first story comes).
 */
export function digestView(window: string, items: Array<{ story: { id: number; storylineId?: number }; briefing: Briefing }>, storylines: ReadonlyMap<number, string> = new Map()): DigestView {
  const order = new Map<string, number>();
  const keyOf = (i: (typeof items)[number]): string => (i.story.storylineId !== undefined ? `l${i.story.storylineId}` : `s${i.story.id}`);
  items.forEach((i) => {
    if (!order.has(keyOf(i))) order.set(keyOf(i), order.size);
  });
  const grouped = items.map((i, at) => ({ i, at })).sort((x, y) => order.get(keyOf(x.i))! - order.get(keyOf(y.i))! || x.at - y.at).map((x) => x.i);
  return {
    kind: 'digest',
    window,
    items: grouped.map((i) => {
      const title = i.story.storylineId !== undefined ? storylines.get(i.story.storylineId) : undefined;
      return { ...briefingView(i.briefing, i.story.id), storyId: i.story.id, ...(title !== undefined ? { storyline: { id: i.story.storylineId!, title } } : {}) };
    }),
  };
}

export function storyListItem(story: Story, full?: StoryWithArticles): StoryListItem {
  return {
    id: story.id,
    headline: story.headline,
    updatedAt: story.updatedAt,
    articleCount: story.articleCount,
    ...(story.lastPublishedAt ? { lastPublishedAt: story.lastPublishedAt } : {}),
    lastSeenAt: story.lastSeenAt || story.updatedAt,
    articles: (full?.articles ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      ...(a.outlet !== undefined ? { outlet: a.outlet } : {}),
      url: a.url,
      ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
    })),
  };
}

// Which stories a channel's digest holds: those that moved since its previous digest and match one
// of its subscriptions (`all`, a topic, an actor), best covered first, at most `max`. Through the
// Store port only. A topic or an actor is matched by the store's story search on its words.
import type { Subscription } from '../domain/channels.js';
import type { Story } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** How many moved stories are looked at, and how many search hits per subscription. */
const SCAN = 200;
const PER_SUBSCRIPTION = 50;

export function rankStories(stories: readonly Story[]): Story[] {
  return [...stories].sort((a, b) => b.articleCount - a.articleCount || b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
}

export async function storiesForChannel(store: Pick<Store, 'listStories' | 'searchStories'>, subs: readonly Subscription[], since: string, max: number): Promise<Story[]> {
  if (subs.length === 0) return [];
  const moved = (s: Story): boolean => s.updatedAt >= since;
  if (subs.some((s) => s.kind === 'all')) return rankStories(await store.listStories({ since, limit: SCAN })).slice(0, max);
  const found = new Map<number, Story>();
  for (const sub of subs) {
    for (const s of await store.searchStories(sub.value, PER_SUBSCRIPTION)) if (moved(s)) found.set(s.id, s);
  }
  return rankStories([...found.values()]).slice(0, max);
}

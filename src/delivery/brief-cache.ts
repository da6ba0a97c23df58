// Briefings shared by the posts of one fan-out: 1,000 channels following one story brief it once.
// A story's briefing depends on its articles only (dates are shown in each channel's zone at render
// time), so its id and updatedAt key it; a new article changes updatedAt and so the key.
import { briefStory, type Services, type StoryBriefing } from '../app/commands.js';

const MAX_ENTRIES = 500;

/** `workspace`: whose model budget a briefing not yet cached is charged to (the first asker's). */
export type BriefOf = (story: { id: number; updatedAt: string }, workspace?: string) => Promise<StoryBriefing>;

export function createBriefCache(services: Services): BriefOf {
  const briefs = new Map<string, Promise<StoryBriefing>>();
  return (s, workspace) => {
    const key = `${s.id}:${s.updatedAt}`;
    let b = briefs.get(key);
    if (!b) {
      if (briefs.size >= MAX_ENTRIES) briefs.clear();
      b = briefStory(services, s.id, undefined, workspace ? { workspace } : {});
      b.catch(() => briefs.delete(key));
      briefs.set(key, b);
    }
    return b;
  };
}

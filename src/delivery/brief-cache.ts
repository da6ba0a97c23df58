// Briefings shared by the posts of one fan-out: 1,000 channels following one story brief it once.
// A story's briefing depends on its articles only (dates are shown in each channel's zone at render
// time), so its id and updatedAt key it; a new article changes updatedAt and so the key.
import { briefStory, type Services, type StoryBriefing } from '../app/commands.js';

const MAX_ENTRIES = 500;

export type BriefOf = (story: { id: number; updatedAt: string }) => Promise<StoryBriefing>;

export function createBriefCache(services: Services): BriefOf {
  const briefs = new Map<string, Promise<StoryBriefing>>();
  return (s) => {
    const key = `${s.id}:${s.updatedAt}`;
    let b = briefs.get(key);
    if (!b) {
      if (briefs.size >= MAX_ENTRIES) briefs.clear();
      b = briefStory(services, s.id);
      b.catch(() => briefs.delete(key));
      briefs.set(key, b);
    }
    return b;
  };
}

// Knowledge, not code: what src/brief/story-analysis.ts never lists as an actor of a briefing. Data
// only; entries marked "pattern" are regular-expression fragments (case-insensitive). Shape checked
// by test/brief/knowledge.test.ts.

/** Words that open a capitalised run but are no part of a name: "Said Kate", "Oh Bill", "Play Facebook". Patterns. */
export const NOT_NAME_STARTS: readonly string[] = [
  'said', 'says', 'oh', 'play', 'embed', 'watch', 'happy', 'dear', 'meet', 'via', 'photo', 'video', 'image', 'tetraplegic', 'mammals',
];

/** Last words of runs that name an event, a work, a disease or a thing, not an actor. Patterns. */
export const NOT_ACTOR_ENDS: readonly string[] = [
  'day', 'war', 'challenge', 'show', 'image', 'images', 'buildings?', 'pyramids?', 'parents', 'plus', 'disease', 'syndrome',
  'award', 'awards', 'prize', 'festival', 'concert', 'game', 'games', 'series', 'film', 'movie', 'album', 'song', 'book',
  'archive',
];

/** Whole names (lowercase) that are platforms, conditions or agencies of pictures, not actors. */
export const NOT_ACTOR_NAMES: readonly string[] = [
  'alzheimer', 'parkinson', 'god', 'getty images', 'internet archive', 'instagram', 'facebook', 'twitter', 'google plus', 'youtube',
];

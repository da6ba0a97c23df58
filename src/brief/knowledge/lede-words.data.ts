// Knowledge, not code: the words that give a lede its "when" (src/brief/extractive.ts counts them
// when it chooses the lede; a year such as 2031 counts too). Data only; shape checked by
// test/brief/knowledge.test.ts.

/** Single words naming a day, a relative day or a month. */
export const WHEN_WORDS: readonly string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december',
];

/** Phrases of relative time. */
export const WHEN_PHRASES: readonly string[] = ['last week', 'last month', 'last year', 'last night', 'this week', 'this month', 'this year'];

// Knowledge, not code: word lists by which src/brief/clean.ts judges a sentence. Data only; shape
// checked by test/brief/knowledge.test.ts.

/** Tokens that suggest a finite verb: without one a "sentence" is usually a caption or heading. */
export const VERBISH_WORDS: readonly string[] = [
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would',
  'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'said', 'says', 'say', 'told', 'tells', 'according',
  'announced', 'added', 'warned', 'reported', 'claimed', 'called', 'denied', 'confirmed', 'agreed', 'became', 'become',
  'remains', 'remained', 'began', 'begun', 'left', 'took', 'takes', 'made', 'makes', 'won', 'lost', 'died', 'killed',
  'arrested', 'charged',
];

/** Words about a web page itself (its links, crawls, archive, site), not about an event. */
export const SITE_WORD_LIST: readonly string[] = [
  'web', 'webpage', 'webpages', 'page', 'pages', 'url', 'urls', 'link', 'links', 'crawl', 'crawls', 'crawled', 'crawler',
  'archive', 'archived', 'wayback', 'site', 'sites', 'browser', 'browsers', 'cookie', 'cookies', 'javascript', 'homepage',
  'www', 'http', 'https', 'html', 'internet', '404', 'domain', 'domains', 'click',
];

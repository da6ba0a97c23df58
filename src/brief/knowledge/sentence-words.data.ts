// Knowledge, not code: word lists by which src/brief/clean.ts judges a sentence. Data only; shape
// checked by test/brief/knowledge.test.ts.

/** Tokens that suggest a finite verb: without one a "sentence" is usually a caption or heading. */
export const VERBISH_WORDS: readonly string[] = [
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would',
  'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'said', 'says', 'say', 'told', 'tells', 'according',
  'announced', 'added', 'warned', 'reported', 'claimed', 'called', 'denied', 'confirmed', 'agreed', 'became', 'become',
  'remains', 'remained', 'began', 'begun', 'left', 'took', 'takes', 'made', 'makes', 'won', 'lost', 'died', 'killed',
  'arrested', 'charged',
  // Irregular past tenses: "President X went to war with...", "The court threw out..."
  'went', 'came', 'gave', 'got', 'saw', 'found', 'kept', 'held', 'met', 'paid', 'ran', 'sent', 'sold', 'spent',
  'stood', 'struck', 'thought', 'brought', 'bought', 'caught', 'fell', 'felt', 'fought', 'flew', 'grew', 'knew', 'led',
  'meant', 'rose', 'shot', 'spoke', 'stole', 'swore', 'threw', 'wrote', 'drew', 'drove', 'broke', 'chose', 'sought',
  'taught', 'heard', 'built', 'fled', 'forgot', 'hid', 'laid', 'lent', 'sank', 'slept', 'swept', 'woke',
];

/** Words about a web page itself (its links, crawls, archive, site), not about an event. */
export const SITE_WORD_LIST: readonly string[] = [
  'web', 'webpage', 'webpages', 'page', 'pages', 'url', 'urls', 'link', 'links', 'crawl', 'crawls', 'crawled', 'crawler',
  'archive', 'archived', 'wayback', 'site', 'sites', 'browser', 'browsers', 'cookie', 'cookies', 'javascript', 'homepage',
  'www', 'http', 'https', 'html', 'internet', '404', 'domain', 'domains', 'click',
];

/** Photo agencies and credit words after a slash in a credit line ("Jane Roe/Getty Images"). */
export const PHOTO_AGENCIES: readonly string[] = [
  'Getty(?: Images)?', 'AP', 'AFP', 'Reuters', 'EPA', 'Shutterstock', 'Corbis', 'Splash(?: News)?', 'Rex(?: Features)?',
  'WireImage', 'FilmMagic', 'Invision', 'Bloomberg', 'Sipa', 'Alamy', 'Polaris', 'Zuma(?: Press)?', 'PA(?: Images)?',
];

/** Words that place a caption by its photo: "Above, ...", "Pictured: ...". */
export const CAPTION_OPENERS: readonly string[] = ['above', 'below', 'pictured', 'top', 'bottom', 'inset', 'left', 'right', 'photo', 'image', 'video'];

/** Verbs that open a line addressed to the reader ("Consider what...", "Imagine a..."). */
export const IMPERATIVE_OPENERS: readonly string[] = [
  'Consider', 'Imagine', 'Remember', 'Read', 'Click', 'Watch', 'Look at', 'Take a look', 'Check out', 'Listen to', "Don't miss", 'Don’t miss', 'Meet', 'Picture',
];

// Knowledge, not code: the word lists by which src/analyze/actors.ts finds actors, their roles
// and what they do. Data only (no logic); compiled once by actors.ts. Entries marked "pattern" are
// regular-expression fragments matched against one whole token, case-insensitive. Shape checked by
// test/analyze/knowledge.test.ts.

/** Verbs of speech after a name: the actor speaks ("X said"). Patterns. */
export const SAY_VERBS: readonly string[] = [
  'said', 'says', 'say', 'told', 'tells', 'stated', 'states', 'added', 'adds', 'announced', 'announces', 'insisted',
  'insists', 'argued', 'argues', 'warned', 'warns', 'claimed', 'claims', 'confirmed', 'confirms', 'denied', 'denies',
  'stressed', 'stresses', 'noted', 'notes', 'hinted', 'hints', 'explained', 'declared', 'reiterated', 'maintained',
  'maintains', 'accused', 'accuses', 'urged', 'urges', 'cautioned', 'acknowledged', 'admitted', 'described',
  'revealed', 'reported', 'reports', 'wrote', 'writes', 'tweeted', 'posted', 'responded', 'replied', 'asserted',
];

/** Verbs of action or stance after a name: the actor acts ("X refused"). Patterns. */
export const DO_VERBS: readonly string[] = [
  'refused', 'refuses', 'refuse', 'rejected', 'rejects', 'demanded', 'demands', 'demand', 'agreed', 'agrees',
  'accepted', 'accepts', 'wants', 'want', 'wanted', 'seeks', 'seek', 'sought', 'returned', 'returns', 'released',
  'releases', 'freed', 'frees', 'dispatched', 'dispatches', 'sent', 'sends', 'arrived', 'arrives', 'reached',
  'reaches', 'proposed', 'proposes', 'signed', 'signs', 'launched', 'launches', 'continues', 'continue', 'continued',
  'keeps', 'keep', 'kept', 'controls', 'control', 'controlled', 'cites', 'cite', 'cited', 'objects', 'object',
  'objected', 'opposes', 'oppose', 'opposed', 'hopes', 'hope', 'hoped', 'plans', 'plan', 'planned', 'pressed',
  'presses', 'press', 'pushed', 'pushes', 'push', 'backed', 'backs', 'supports', 'supported', 'turned', 'threatened',
  'threatens', 'struck', 'strikes', 'killed', 'kills', 'attacked', 'attacks', 'withdrew', 'withdraws', 'began',
  'begins', 'started', 'starts', 'halted', 'halts', 'resumed', 'resumes', 'approved', 'approves', 'blocked',
  'blocks', 'closed', 'closes', 'opened', 'opens', 'offered', 'offers', 'regards', 'regarded', 'treats', 'treated',
  'restricts', 'restrict', 'restricted', 'leads', 'led', 'hosted', 'hosts', 'mediated', 'mediates', 'brokered',
  'met', 'meets', 'travelled', 'traveled', 'visited', 'visits', 'committed', 'commits', 'pledged', 'pledges',
  'vowed', 'vows', 'called', 'calls', 'aims', 'aimed', 'expects', 'expected', 'tries', 'tried', 'trying', 'pressing',
  'pushing', 'seeking', 'insisting', 'refusing', 'demanding', 'holds', 'held', 'handed', 'hands', 'delivered',
  'delivers', 'imposed', 'imposes', 'ordered', 'orders', 'deployed', 'deploys', 'resigned', 'resigns', 'accepted',
  'carried', 'carries', 'abandoned', 'violated', 'violates', 'breached', 'breaches', 'detained', 'detains',
  'arrested', 'arrests', 'fired', 'fires', 'shelled', 'bombed', 'raided', 'raids', 'captured', 'negotiated',
  'negotiates', 'discussed', 'discusses', 'considered', 'considers', 'rules', 'ruled', 'will', 'would', 'must',
  'could', 'can', 'cannot', 'may', 'might', 'should', 'has', 'have', 'had', 'is', 'are', 'was', 'were',
];

/** Words allowed between a name and its verb ("officials", "also", "on Monday"). Patterns. */
export const FILLER_WORDS: readonly string[] = [
  'officials?', 'spokes(?:man|woman|person)', 'negotiators?', 'delegation', 'delegates', 'leaders?',
  'leadership', 'sources?', 'representatives?', 'ministry', 'government', 'envoy', 'officers?', 'mediators?',
  'authorities', 'forces', 'troops', 'military', 'army', 'also', 'again', 'already', 'later', 'previously',
  'publicly', 'repeatedly', 'still', 'now', 'then', 'further', 'in', 'turn', 'on', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'last', 'week', 'night', 'has', 'have', 'had',
  'not', 'never', 'however', '\\w+ly',
];

/** Political verbs that make a capital city stand for its government ("Cairo insisted"). Patterns. */
export const METONYM_VERBS: readonly string[] = [
  'said', 'says', 'insists', 'insisted', 'wants', 'wanted', 'warned', 'warns', 'demanded', 'demands', 'rejected',
  'rejects', 'announced', 'urged', 'urges', 'accused', 'accuses', 'denied', 'denies', 'refused', 'refuses', 'agreed',
  'agrees', 'believes', 'pressed', 'presses', 'pushed', 'pushes', 'backed', 'backs', 'supports', 'supported',
  'opposed', 'opposes', 'approved', 'threatened', 'threatens', 'imposed', 'imposes', 'sanctioned', 'responded',
  'condemned', 'condemns', 'welcomed', 'welcomes', 'called', 'calls', 'sent', 'signed', 'proposed', 'proposes',
  'expects', 'hopes', 'argued', 'argues', 'claimed', 'claims', 'plans', 'sought', 'seeks', 'pledged', 'vowed',
  'considers', 'has', 'have', 'had', 'will', 'would', 'must', 'should', 'cannot', 'could', 'remains', 'continues',
  'appears', 'seems', 'needs', 'faces', 'brokered', 'mediated', 'hosted', 'hosts',
];

/** Words before a capital that make it stand for its government ("pressed Doha"). Patterns. */
export const METONYM_BEFORE: readonly string[] = [
  'press', 'pressed', 'pressing', 'pressure', 'pressured', 'pressuring', 'urge', 'urged', 'urging', 'asked', 'ask',
  'told', 'tell', 'warned', 'criticised', 'criticized', 'accused', 'accuse', 'between', 'persuade', 'persuaded',
  'convince', 'convinced', 'lobby', 'lobbied', 'lobbying',
];

/** Nouns a capital possesses as a government ("Ankara's position"). Patterns. */
export const METONYM_POSSESSED: readonly string[] = [
  'position', 'policy', 'policies', 'plan', 'plans', 'proposal', 'proposals', 'support', 'backing', 'envoy',
  'envoys', 'ally', 'allies', 'pressure', 'stance', 'demands?', 'approach', 'role', 'response', 'mediation',
  'decision', 'officials?', 'diplomacy', 'strategy', 'view', 'insistence',
];

/** Capitalised words that are not names on their own (sentence starters, dates, common nouns). */
export const NOT_NAME_WORDS: readonly string[] = [
  'the', 'a', 'an', 'and', 'but', 'or', 'if', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'as',
  'after', 'before', 'when', 'while', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i',
  'you', 'his', 'her', 'their', 'our', 'my', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'which', 'some',
  'many', 'most', 'all', 'both', 'each', 'every', 'no', 'not', 'yet', 'so', 'then', 'also', 'however', 'meanwhile',
  'although', 'though', 'despite', 'during', 'under', 'over', 'above', 'below', 'against', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december', 'today', 'yesterday', 'tomorrow', 'tonight',
  'last', 'next', 'one', 'two', 'three', 'four', 'five', 'first', 'second', 'third', 'final', 'phase', 'stage',
  'according', 'since', 'until', 'even', 'just', 'only', 'now', 'still', 'such', 'other', 'another', 'because',
  'read', 'more', 'key', 'takeaways', 'why', 'it', 'matters', 'analysis', 'opinion', 'update', 'breaking', 'live',
  'exclusive', 'watch', 'video', 'photos', 'editor', 'inside', 'outside', 'without', 'within', 'among', 'across',
  'around', 'near', 'neither', 'nor', 'either', 'whether', 'unless', 'once', 'upon', 'proposals', 'officials',
  'negotiators', 'mediators', 'talks', 'ceasefire', 'truce', 'diplomacy', 'hostages', 'prisoners', 'disarmament',
  'security', 'casualties', 'conditions', 'families', 'humanitarian', 'political', 'several', 'regional',
  'international', 'military', 'army', 'police', 'government', 'minister', 'president', 'north', 'south', 'east',
  'west', 'northern', 'southern', 'eastern', 'western', 'central', 'new', 'old', 'senior', 'special', 'chief',
  'deputy', 'former', 'acting', 'later', 'earlier', 'separately', 'instead', 'indeed', 'thus', 'hence', 'therefore',
  'moreover', 'furthermore', 'nevertheless', 'nonetheless', 'otherwise', 'elsewhere', 'overall', 'finally', 'again',
  'already', 'soon', 'everyone', 'everybody', 'nobody', 'someone', 'somebody', 'anyone', 'none', 'few', 'others',
  'experts', 'analysts', 'critics', 'residents', 'witnesses', 'observers', 'sources', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'twenty', 'dozens', 'hundreds', 'fellow', 'election', 'earth', "i've", 'i’ve', "i'd", 'i’d',
  "i'm", 'i’m', "i'll", 'i’ll',
];

/**
 * Verbs by which one party asks another to act ("X demanded that Y withdraw", "urged Y to"): the
 * party named after them is the object of the demand, not a speaker. Patterns.
 */
export const DEMAND_VERBS: readonly string[] = [
  'demand(?:s|ed|ing)?', 'urg(?:e|es|ed|ing)', 'ask(?:s|ed|ing)?', 'call(?:s|ed|ing)?\\s+on', 'press(?:es|ed|ing)?',
  'want(?:s|ed)?', 'insist(?:s|ed|ing)?', 'order(?:s|ed|ing)?', 'pressur(?:e|es|ed|ing)',
  'request(?:s|ed|ing)?', 'implor(?:e|es|ed|ing)', 'challeng(?:e|es|ed|ing)', 'warn(?:s|ed|ing)?',
];

/** Titles that may precede a name; they are not part of it, they become its role. */
export const TITLE_WORDS: readonly string[] = [
  'president', 'vice', 'prime', 'minister', 'ministers', 'foreign', 'defence', 'defense', 'interior', 'finance',
  'state', 'secretary', 'general', 'gen', 'lt', 'lieutenant', 'col', 'colonel', 'major', 'maj', 'brigadier',
  'admiral', 'adm', 'commander', 'chief', 'chiefs', 'staff', 'head', 'deputy', 'senior', 'special', 'envoy',
  'envoys', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'official', 'officials', 'leader', 'leaders',
  'king', 'queen', 'prince', 'crown', 'emir', 'sheikh', 'sultan', 'pope', 'mr', 'mrs', 'ms', 'dr', 'prof',
  'professor', 'sir', 'lord', 'lady', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'governor', 'mayor', 'judge', 'justice', 'speaker', 'chairman', 'chairwoman', 'chair', 'director', 'negotiator',
  'negotiators', 'mediator', 'coordinator', 'adviser', 'advisor', 'security', 'national', 'political', 'military',
  'army', 'intelligence', 'top', 'veteran', 'former', 'acting', 'interim', 'opposition', 'supreme', 'affairs', 'of',
  'the', 'chairperson', 'commissioner', 'high', 'co-founder', 'founder', 'member', 'politburo', 'bureau',
  'executive', 'police', 'officer', 'analyst', 'editor', 'correspondent', 'reporter', 'journalist', 'writer', 'spy',
  'delegation', 'delegate', 'caretaker', 'regional', 'middle', 'east', 'premier', 'treasury', 'commerce', 'trade',
  'economy', 'economic', 'health', 'education', 'energy', 'labour', 'labor', 'agriculture', 'transport',
  'environment', 'attorney', 'chancellor', 'vice-president', 'vice-premier', 'secretary-general', 'under-secretary',
  'under-secretary-general', 'assistant-secretary-general', 'assistant',
  'deputy-general', 'director-general', 'attorney-general', 'commander-in-chief', 'president-elect', 'climate',
  'undersecretary',
  // Titles of office, trade and rank that open a name in news copy ("Tesla CEO Elon Musk",
  // "Detective Ann Roe", "Rapper Lil Vee"), and party labels ("Democrat Joe Roe").
  'ceo', 'cfo', 'coo', 'cto', 'detective', 'apostle', 'bishop', 'archbishop', 'cardinal', 'reverend', 'rev', 'pastor',
  'rabbi', 'imam', 'rapper', 'singer', 'actor', 'actress', 'comedian', 'coach', 'manager', 'captain', 'sheriff',
  'inspector', 'sergeant', 'sgt', 'producer', 'author', 'representatives', 'democrat', 'republican', 'pensioner',
  'councillor', 'councilman', 'councilwoman', 'assemblyman', 'assemblywoman', 'superintendent', 'constable', 'curator',
];

/** The words that end a title ("foreign minister", "special envoy"). */
/**
 * Occupations written before a name, as titles are ("Activist Sandra Fluke", "designer Amanda
 * Brooks"): the role, never a word of the name. Words that are also common surnames (Singer,
 * Baker, Hunter, Bishop, Player) are left out: "Hunter Biden" keeps his given name.
 */
export const OCCUPATION_WORDS: readonly string[] = [
  'activist', 'campaigner', 'designer', 'stylist', 'student', 'author', 'novelist', 'poet', 'actor', 'actress',
  'rapper', 'musician', 'artist', 'comedian', 'producer', 'filmmaker', 'photographer', 'economist', 'scientist',
  'researcher', 'historian', 'entrepreneur', 'businessman', 'businesswoman', 'billionaire', 'investor',
  'philanthropist', 'chef', 'coach', 'striker', 'midfielder', 'goalkeeper', 'athlete', 'lawmaker', 'legislator',
  'candidate', 'nominee', 'columnist', 'commentator', 'presenter', 'broadcaster', 'architect', 'engineer', 'surgeon',
  'physician', 'nurse', 'teacher', 'pastor', 'rabbi', 'imam', 'cleric', 'whistleblower', 'dissident', 'blogger',
  'influencer', 'ceo', 'lawyer', 'attorney', 'manager', 'banker', 'diplomat', 'playwright', 'critic', 'shipowner', 'landowner', 'tycoon', 'magnate',
];
export const TITLE_HEADS: readonly string[] = [
  'president', 'minister', 'secretary', 'general', 'commander', 'chief', 'head', 'envoy', 'ambassador', 'spokesman',
  'spokeswoman', 'spokesperson', 'official', 'leader', 'king', 'queen', 'prince', 'emir', 'sheikh', 'sultan', 'pope',
  'senator', 'governor', 'mayor', 'judge', 'speaker', 'chairman', 'chairwoman', 'chair', 'director', 'negotiator',
  'mediator', 'coordinator', 'adviser', 'advisor', 'commissioner', 'founder', 'member', 'officer', 'analyst',
  'editor', 'correspondent', 'reporter', 'journalist', 'delegate', 'chairperson', 'lieutenant', 'colonel', 'admiral',
  'brigadier', 'prisoner', 'hostage', 'captive', 'detainee', 'lawyer', 'spokesman', 'premier', 'chancellor',
  'secretary-general', 'director-general', 'attorney-general', 'vice-president', 'vice-premier', 'president-elect',
  'commander-in-chief', 'undersecretary', 'ceo', 'cfo', 'coo', 'cto', 'detective', 'apostle', 'bishop', 'archbishop',
  'cardinal', 'pastor', 'rabbi', 'imam', 'rapper', 'singer', 'actor', 'actress', 'comedian', 'coach', 'manager',
  'captain', 'sheriff', 'inspector', 'sergeant', 'producer', 'author', 'representative', 'councillor', 'councilman',
  'councilwoman', 'superintendent', 'professor', 'curator', 'attorney',
];

/** Ranks and honorifics. */
export const RANKS: readonly string[] = [
  'general', 'gen', 'lt', 'lieutenant', 'col', 'colonel', 'major', 'maj', 'admiral', 'adm', 'brigadier', 'mr', 'mrs',
  'ms', 'dr', 'sir', 'sheikh',
];

/** Words inside a name that make it an organisation rather than a person. Patterns. */
export const ORG_WORDS: readonly string[] = [
  'ministry', 'department', 'council', 'committee', 'agency', 'authority', 'office', 'court', 'party', 'union',
  'bank', 'company', 'corporation', 'inc', 'ltd', 'group', 'university', 'institute', 'association', 'commission',
  'forces', 'force', 'army', 'police', 'service', 'services', 'club', 'foundation', 'organization', 'organisation',
  'news', 'times', 'post', 'journal', 'league', 'federation', 'board', 'forum', 'center', 'centre', 'hospital',
  'brigades?', 'movement', 'front', 'network', 'fund', 'programme', 'program', 'administration', 'cabinet',
  'parliament', 'assembly', 'school', 'college', 'press', 'media', 'television', 'tv', 'radio', 'channel',
  'coalition', 'alliance', 'institution', 'bureau', 'unit', 'initiative', 'mission', 'society', 'trust',
  'observatory', 'watch', 'coordination', 'airlines', 'airways', 'corp', 'senate', 'legislature', 'auctions', 'studios',
  'consultants', 'partners', 'associates', 'holdings', 'ventures', 'enterprises', 'industries', 'motors', 'labs',
  'systems', 'technologies', 'pharmaceuticals', 'entertainment', 'productions', 'records',
  // Sports clubs ("Carlow United", "Harlow Rovers").
  'united', 'rovers', 'wanderers', 'athletic', 'athletico', 'fc', 'hotspur', 'albion', 'rangers',
  // Churches and their bodies ("St. Ann Catholic Church", "LDS Church").
  'church', 'diocese', 'archdiocese', 'synod',
];

/** First words that make a name a place ("Port Halden", "Lake Tana"). Patterns. */
export const PLACE_FIRST_WORDS: readonly string[] = [
  'port', 'mount', 'mt', 'lake', 'fort', 'cape', 'gulf', 'bay', 'isle', 'saint', 'st', 'san', 'santa', 'sao', 'são',
  'sierra', 'rio', 'piazza', 'plaza', 'via', 'kabupaten', 'gunung', 'pulau', 'kampung', 'jalan',
];

/** Last words that make a name a place ("Sallow River", "Kelby Airport"). Patterns. */
export const PLACE_LAST_WORDS: readonly string[] = [
  'city', 'river', 'bay', 'island', 'islands', 'strait', 'valley', 'province', 'county', 'district', 'governorate',
  'region', 'street', 'square', 'avenue', 'airport', 'crossing', 'beach', 'hills', 'heights', 'camp', 'peninsula',
  'coast', 'desert', 'sea', 'ocean', 'mountains', 'harbour', 'harbor', 'port', 'township', 'village', 'town',
  'borough', 'parish', 'road', 'rd', 'drive', 'boulevard', 'blvd', 'st', 'side', 'mountain', 'canyon', 'creek', 'state',
  'palace', 'theatre', 'theater', 'stadium', 'arena', 'motel', 'hotel', 'tower', 'station', 'museum', 'plaza', 'nw',
  'ne', 'sw', 'se', 'southwest', 'southeast', 'northwest', 'northeast',
];

/**
 * Last words that make a name a place unless it opens with a given name: they are surnames too
 * ("Woodley Park" but "Rosa Park", "Capitol Hill" but "Grant Hill").
 */
export const PLACE_LAST_SURNAMES: readonly string[] = ['park', 'hill', 'hall', 'lane', 'lake', 'forest', 'bridge', 'wood', 'field'];

/** First words that make a name a place when a capitalised word follows ("New York", "New Delhi"). */
export const PLACE_OPENING_WORDS: readonly string[] = [
  'new', 'north', 'south', 'east', 'west', 'upper', 'lower', 'greater', 'northwest', 'northeast', 'southwest', 'southeast',
];

/** Prepositions after which a lone capitalised word is a place ("in Nairobi", "from Mombasa"). */
export const PLACE_PREPOSITIONS: readonly string[] = [
  'in', 'at', 'from', 'across', 'near', 'outside', 'inside', 'around', 'throughout', 'via', 'into', 'towards', 'toward',
];

/**
 * Spellings of one given name, one group a line: a person written "Mohammed" in one article and
 * "Muhammad" in another is one person. The first spelling of a group is its key.
 */
export const NAME_SPELLINGS: readonly (readonly string[])[] = [
  ['mohammed', 'muhammad', 'mohammad', 'mohamed', 'muhammed', 'mohamad', 'muhamad', 'mehmet'],
  ['ahmed', 'ahmad'],
  ['hussein', 'husein', 'hussain', 'husain'],
  ['hassan', 'hasan'],
  ['abdullah', 'abdallah', 'abdulla'],
  ['abdulaziz', 'abdel-aziz', 'abdelaziz', 'abdul-aziz', 'abd al-aziz'],
  ['abdel', 'abdul', 'abd'],
  ['mustafa', 'mostafa', 'moustafa'],
  ['youssef', 'yousef', 'yusuf', 'yousif', 'joseph'],
  ['omar', 'umar'],
  ['osama', 'usama'],
  ['khaled', 'khalid'],
  ['said', 'saeed', 'saied', 'sayed', 'sayyid'],
  ['zelensky', 'zelenskyy', 'zelenskiy', 'zelenskii'],
  ['gaddafi', 'qaddafi', 'kadhafi', 'qadhafi'],
  ['sergei', 'sergey'],
  ['yuri', 'yury'],
  ['dmitry', 'dmitri'],
  ['alexei', 'alexey', 'aleksei'],
  ['tsai', 'cai'],
];

/**
 * Family names written first (Chinese, Korean, Vietnamese usage: "Wang Yi", "Ban Ki-moon"): a
 * two-word name opening with one of them is found by its first word alone ("Wang said").
 */
export const SURNAME_FIRST: readonly string[] = [
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo',
  'he', 'lin', 'gao', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng',
  'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren',
  'shen', 'yao', 'jin', 'fu', 'xi', 'qin', 'wen', 'kim', 'lee', 'park', 'choi', 'jung', 'kang', 'cho', 'yoon', 'jang',
  'lim', 'shin', 'ban', 'moon', 'hwang', 'ahn', 'yoo', 'nguyen', 'tran', 'le', 'pham', 'hoang', 'vo', 'dang', 'bui',
  'hun', 'tsai', 'lai', 'ko',
];

/** Common words that are also surnames, kept when they end a name ("Theresa May", "Eric Will"). */
export const COMMON_WORD_SURNAMES: readonly string[] = ['may', 'will', 'king', 'young', 'long', 'little', 'hope', 'price', 'west', 'north', 'south', 'rich', 'black', 'white', 'green', 'brown', 'best', 'major'];

/** Particles before a surname that spellings keep or drop ("al-Jaber", "Al Jaber", "Jaber"). */
export const SURNAME_PARTICLES: readonly string[] = ['al', 'el', 'as', 'ad', 'ash', 'an', 'ar', 'at', 'az', 'ibn', 'abu'];

/** Lowercase particles inside a name ("bin", "van", "de"). */
export const NAME_CONNECTORS: readonly string[] = [
  'al', 'el', 'bin', 'bint', 'ibn', 'de', 'del', 'della', 'da', 'di', 'du', 'dos', 'das', 'van', 'von', 'der', 'den',
  'ter', 'la', 'le',
];

/**
 * Common short forms of a given name, one group a line, the full form first: "Mike Pompeo" and
 * "Michael Pompeo" are one person when no other person has the surname. Only short forms that
 * stand for one full name ("Alex", "Chris", "Sam" stand for several and are left out).
 */
export const GIVEN_NAME_SHORT_FORMS: readonly (readonly string[])[] = [
  ['michael', 'mike', 'mick', 'mikey'],
  ['william', 'bill', 'billy', 'will', 'willy'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie'],
  ['thomas', 'tom', 'tommy'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['joseph', 'joe', 'joey'],
  ['richard', 'rick', 'ricky', 'dick'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['charles', 'charlie', 'chuck'],
  ['anthony', 'tony'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davey'],
  ['benjamin', 'ben', 'benny'],
  ['jonathan', 'jon'],
  ['nicholas', 'nick', 'nicky'],
  ['matthew', 'matt'],
  ['stephen', 'steve', 'steven'],
  ['peter', 'pete'],
  ['kenneth', 'ken', 'kenny'],
  ['donald', 'don'],
  ['ronald', 'ron', 'ronnie'],
  ['gregory', 'greg'],
  ['timothy', 'tim'],
  ['jeffrey', 'jeff'],
  ['lawrence', 'larry'],
  ['gerald', 'jerry'],
  ['douglas', 'doug'],
  ['vladimir', 'vlad'],
  ['elizabeth', 'liz', 'beth', 'betty', 'lizzie'],
  ['margaret', 'maggie', 'peggy', 'meg'],
  ['katherine', 'kate', 'kathy', 'katie', 'catherine'],
  ['jennifer', 'jenny', 'jen'],
  ['rebecca', 'becky'],
  ['susan', 'sue', 'susie'],
  ['deborah', 'debbie', 'deb'],
];

/**
 * Words of page furniture copied with an article ("Advertisement", "Replay", "View Slideshow",
 * "CLOSE"): they end or cut a capitalised run and are never part of a name.
 */
export const PAGE_FURNITURE_WORDS: readonly string[] = [
  'advertisement', 'replay', 'slideshow', 'close', 'continue', 'continued', 'view', 'videos', 'gallery', 'caption',
  'subscribe', 'share', 'tweet', 'tweeted', 'retweet', 'comments', 'loading', 'sponsored', 'memberactivity',
];

/** Last words of a run that make it a news outlet ("Vail Daily", "Salt Lake Tribune", "PBS NewsHour"): never an actor. */
export const OUTLET_LAST_WORDS: readonly string[] = [
  'daily', 'tribune', 'times', 'post', 'news', 'herald', 'journal', 'gazette', 'radio', 'tv', 'newshour', 'magazine',
  'vogue', 'dispatch', 'chronicle', 'courier', 'observer', 'telegraph', 'inquirer', 'bulletin', 'examiner', 'sentinel',
  'register', 'monitor', 'weekly', 'review', 'illustrated', 'newspaper', 'broadcasting', 'television', 'network',
  'wire', 'podcast',
];

/** Last words of a run that make it a group of people ("House Republicans", "Senate Democrats"). */
export const GROUP_LAST_WORDS: readonly string[] = [
  'republicans', 'democrats', 'conservatives', 'liberals', 'gop', 'tories', 'mps', 'lawmakers', 'senators', 'saints',
  'dems',
];

/** Last words of a run that make it a thing, a work or a condition, not an actor ("Space Suit", "Zaire Ebola"). */
export const THING_LAST_WORDS: readonly string[] = [
  'suit', 'sticks', 'tick', 'ebola', 'virus', 'flu', 'carpet', 'picture', 'model', 'edition', 'cup', 'trophy',
  'championship', 'open', 'prix', 'test', 'series', 'league', 'act', 'bill', 'fund', 'poll', 'survey', 'study', 'auction',
  'spf', 'lotion',
];

/** Connecting words that make a capitalised run a title of a work ("A Star Is Born", "Dancing On Ice"). */
export const WORK_TITLE_WORDS: readonly string[] = [
  'is', 'are', 'was', 'be', 'on', 'in', 'at', 'to', 'with', 'from', 'this', 'that', 'my', 'your', 'our', 'we', 'you',
  'the', 'a', 'an',
];

/** Words before a role that say when it was held, dropped from the role ("now Director of ..."). */
export const ROLE_TIME_WORDS: readonly string[] = ['now', 'formerly', 'currently', 'previously', 'once', 'later'];

/** First words of a phrase after a name that make it a clause, not a role ("and then ...", "who was ..."). */
export const NOT_ROLE_STARTS: readonly string[] = ['and', 'or', 'but', 'who', 'which', 'whose', 'that', 'where', 'when', 'while', 'then'];

// Simple named-entity spotting for a briefing's actors: a small table of countries, organisations
// and groups gives the kind; otherwise runs of capitalised words are taken as names (two or more
// words: a person, or an organisation when a word like "Ministry" or "Council" is in it).
// Fast and dependency-free; a deeper actor analysis (aliases, roles) comes later.
import type { ActorKind, BriefingActor } from '../domain/types.js';

const COUNTRIES = (
  'Afghanistan|Albania|Algeria|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|Bangladesh|Belarus|Belgium|' +
  'Bolivia|Bosnia|Brazil|Britain|Bulgaria|Cambodia|Cameroon|Canada|Chile|China|Colombia|Congo|Croatia|Cuba|Cyprus|' +
  'Czech Republic|Denmark|Ecuador|Egypt|England|Eritrea|Estonia|Ethiopia|Finland|France|Georgia|Germany|Ghana|Greece|' +
  'Guatemala|Haiti|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Japan|Jordan|Kazakhstan|Kenya|' +
  'Kosovo|Kuwait|Latvia|Lebanon|Libya|Lithuania|Malaysia|Mali|Mexico|Moldova|Morocco|Myanmar|Nepal|Netherlands|' +
  'New Zealand|Nicaragua|Niger|Nigeria|North Korea|Norway|Oman|Pakistan|Palestine|Panama|Peru|Philippines|Poland|' +
  'Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Scotland|Senegal|Serbia|Singapore|Slovakia|Somalia|South Africa|' +
  'South Korea|South Sudan|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|Taiwan|Tanzania|Thailand|Tunisia|Turkey|' +
  'Türkiye|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Venezuela|Vietnam|Wales|Yemen|' +
  'Zambia|Zimbabwe|U.S.|US|USA|UK|U.K.|UAE|America|Gaza|West Bank|Gaza Strip'
).split('|');

const ORGANISATIONS = (
  'United Nations|UN|U.N.|NATO|European Union|EU|World Health Organization|WHO|IMF|World Bank|Red Cross|UNICEF|' +
  'UNRWA|OPEC|WTO|African Union|Arab League|Pentagon|White House|Kremlin|Congress|Senate|Parliament|Supreme Court|' +
  'FBI|CIA|NASA|BBC|CNN|Reuters|Associated Press|AP|AFP|Google|Apple|Microsoft|Amazon|Meta|Facebook|Twitter|Tesla|' +
  'OpenAI|Federal Reserve|Bank of England|European Central Bank|Labour|Conservatives|Democrats|Republicans|SNP|' +
  'Crown Prosecution Service|Police|Interpol|Europol|Security Council|General Assembly'
).split('|');

const GROUPS = (
  'Hamas|Hezbollah|Houthis|Taliban|Islamic State|ISIS|ISIL|al-Qaeda|Al Qaeda|Islamic Jihad|Fatah|Boko Haram|' +
  'al-Shabab|Wagner|Palestinians|Israelis|Kurds|Muslim Brotherhood'
).split('|');

const PLACES = (
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|' +
  'Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|' +
  'Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|' +
  'Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|' +
  'West Virginia|Wisconsin|Wyoming|London|Paris|Berlin|Moscow|Beijing|Tokyo|Cairo|Jerusalem|Tel Aviv|Doha|Riyadh|' +
  'Tehran|Baghdad|Damascus|Beirut|Istanbul|Ankara|Kyiv|Kiev|Brussels|Geneva|Rome|Madrid|Delhi|New Delhi|Mumbai|' +
  'Sydney|Melbourne|Toronto|Los Angeles|San Francisco|Chicago|Boston|Houston|Miami|Las Vegas|Rafah|Khan Younis|' +
  'Sinai|Middle East|Europe|Asia|Africa|Latin America|Scotland Yard|Westminster|Brooklyn|Manhattan'
).split('|');

const KIND = new Map<string, ActorKind>();
for (const p of PLACES) KIND.set(p.toLowerCase(), 'place');
for (const c of COUNTRIES) KIND.set(c.toLowerCase(), 'country');
for (const o of ORGANISATIONS) KIND.set(o.toLowerCase(), 'organisation');
for (const g of GROUPS) KIND.set(g.toLowerCase(), 'group');

const ORG_WORDS =
  /\b(?:Ministry|Department|Council|Committee|Agency|Authority|Office|Court|Party|Union|Bank|Company|Corporation|Inc|Ltd|Group|University|Institute|Association|Commission|Forces|Army|Police|Service|Club|Foundation|Organization|Organisation|News|Times|Post|Journal|League|Federation|Board|College|School|Hospital|Medicine|Research|Network|Airlines|Museum|Church|Society|Trust|Centre|Center|Fund|Alliance|Bureau|Guard|Navy|Government|Administration)\b/;

// Capitalised words that start sentences or name days/months: not actors on their own.
const NOT_NAMES = new Set(
  (
    'The A An And But Or If In On At Of For To From By With As After Before When While This That These Those It Its ' +
    'He She They We I You His Her Their Our My Mr Mrs Ms Dr There Here What Who Why How Where Which Some Many Most ' +
    'All Both Each Every No Not Yet So Then Also However Meanwhile Although Though Despite During Under Over ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August ' +
    'September October November December Today Yesterday Tomorrow Last Next One Two Three First Second Phase ' +
    'According Since Until Even Just Only Now Still Such Other Another Because Why Read More Key Takeaways'
  ).split(' '),
);

// A run of capitalised words (or initials like "U.S."), joined by spaces or name particles
// (al-, bin, de, van). A period ends a run unless it closes an initial.
const NAME_WORD = String.raw`(?:(?:[\p{Lu}]\.){1,3}|[\p{Lu}][\p{L}'’-]*|al-[\p{Lu}][\p{L}'’-]*)`;
const NAME_RE = new RegExp(
  String.raw`${NAME_WORD}(?:[ \t]+(?:(?:al|bin|bint|de|del|da|van|von|der|la|le|of|the)[ \t]+)?${NAME_WORD})*`,
  'gu',
);

// Titles before a name: dropped from the name, kept as the actor's role.
const TITLES =
  /^(?:(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Adm|Rev)\.?|President|Vice President|Prime Minister|Minister|Foreign Minister|Defence Minister|Defense Minister|Secretary|Senator|Governor|Professor|Judge|Justice|General|Chancellor|King|Queen|Prince|Princess|Pope|Sheikh|Ambassador|Mayor|Chairman|Chief|Commissioner|Spokesman|Spokeswoman|Tweet|Photo|Image|Video|Watch|Read)\s+/;

interface Tally {
  name: string;
  kind: ActorKind;
  role?: string;
  count: number;
  sources: Set<number>;
  first: number;
}

const PLACE_WORDS =
  /\b(?:Port|Harbour|Harbor|Airport|River|Lake|Mount|Island|Islands|Bay|Street|Square|Province|County|City|Valley|Sea|Gulf|Strait|Road|Falls)\b/;
const NOT_ACRONYMS = new Set(['EST', 'EDT', 'GMT', 'BST', 'UTC', 'PST', 'PDT', 'CET', 'CEST', 'AM', 'PM', 'TV', 'OK', 'PUBLISHED', 'UPDATED']);

function kindOf(name: string): ActorKind | undefined {
  const known = KIND.get(name.toLowerCase());
  if (known) return known;
  const multiWord = name.includes(' ');
  if (multiWord && ORG_WORDS.test(name)) return 'organisation';
  if (multiWord && PLACE_WORDS.test(name)) return 'place';
  if (/^[\p{Lu}]{2,6}$/u.test(name) && !NOT_ACRONYMS.has(name)) return 'organisation'; // acronyms
  return undefined;
}

/** Trim sentence-start words ("The", "But") and possessives from a spotted run. */
function tidy(run: string): string {
  let parts = run.replace(/['’]s$/, '').replace(/,+$/, '').split(/\s+/);
  const particle = /^(?:of|the|al|bin|de|van|von|la|le|da|del|der)$/;
  while (parts.length && (NOT_NAMES.has(parts[0]!) || particle.test(parts[0]!))) parts = parts.slice(1);
  while (parts.length && NOT_NAMES.has(parts[parts.length - 1]!)) parts = parts.slice(0, -1);
  while (parts.length && /^(?:of|the|al|bin|de|van|von)$/.test(parts[parts.length - 1]!)) parts = parts.slice(0, -1);
  return parts.join(' ');
}

/**
 * Actors named in a set of texts (one per source), best first: seen in more sources, then more
 * often, then earlier. Known names get their table kind; other multi-word names are people.
 */
export function spotActors(texts: string[], limit = 8): BriefingActor[] {
  const tally = new Map<string, Tally>();
  let order = 0;
  texts.forEach((text, source) => {
    for (const m of text.matchAll(NAME_RE)) {
      let name = tidy(m[0]);
      let role: string | undefined;
      for (let t = TITLES.exec(name); t && name.includes(' '); t = TITLES.exec(name)) {
        if (!/^(?:Tweet|Photo|Image|Video|Watch|Read)\s/.test(t[0])) role = t[0].trim();
        name = name.slice(t[0].length);
      }
      // "Selma Arvand of Norland": a person of a place, unless the whole is an institution name.
      const of = name.indexOf(' of ');
      if (of > 0 && !kindOf(name)) name = name.slice(0, of);
      if (!name || name.length < 2) continue;
      // A single capitalised word not in the table is too ambiguous to list ('unknown', kept
      // only to credit a surname to the full name).
      const kind: ActorKind = kindOf(name) ?? (name.includes(' ') ? 'person' : 'unknown');
      const key = name.toLowerCase();
      let t = tally.get(key);
      if (!t) tally.set(key, (t = { name, kind, count: 0, sources: new Set(), first: order++ }));
      if (role && !t.role && kind === 'person') t.role = role;
      t.count++;
      t.sources.add(source);
    }
  });
  // A person's surname alone ("Mallucci") credits the full name already seen.
  const all = [...tally.values()];
  for (const t of all) {
    if (t.kind !== 'person') continue;
    const last = t.name.split(' ').pop()!.toLowerCase();
    const alone = tally.get(last);
    if (alone && alone !== t) {
      t.count += alone.count;
      for (const s of alone.sources) t.sources.add(s);
    }
  }
  return all
    .filter((t) => t.kind !== 'unknown' && (t.count >= 2 || t.sources.size >= 2 || t.kind !== 'person'))
    .sort((a, b) => b.sources.size - a.sources.size || b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map((t) => ({ name: t.name, kind: t.kind, ...(t.role ? { role: t.role } : {}) }));
}

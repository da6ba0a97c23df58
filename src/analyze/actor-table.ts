// The shipped table of well-known actors: countries, international organisations, armed groups,
// militaries, outlets and the places that news names often. People are not listed: they are
// learnt from the text itself (see actors.ts). Extend it with `extendActorTable` or per call with
// extra aliases; an admin's alias is just { alias, canonical }.
import type { ActorKind } from '../domain/types.js';

export interface ActorEntry {
  /** Canonical name, shown to users. */
  name: string;
  kind: ActorKind;
  /** Other names matched in text (the canonical name always matches). Case matters for acronyms. */
  aliases?: string[];
  /**
   * Capital cities standing for a government ("Washington insists..."). They count as the actor
   * only in political context (a political verb after them, or "press/urge Washington"); otherwise
   * they are the place.
   */
  metonyms?: string[];
  /** Adjectives for the actor ("Israeli", "U.S."), used to read titles such as "U.S. special envoy". */
  demonyms?: string[];
}

export interface ExtraAlias {
  alias: string;
  canonical: string;
}

function country(name: string, aliases: string[] = [], demonyms: string[] = [], metonyms: string[] = []): ActorEntry {
  return { name, kind: 'country', aliases, demonyms, metonyms };
}
function org(name: string, aliases: string[] = [], demonyms: string[] = []): ActorEntry {
  return { name, kind: 'organisation', aliases, demonyms };
}
function group(name: string, aliases: string[] = [], demonyms: string[] = []): ActorEntry {
  return { name, kind: 'group', aliases, demonyms };
}
function place(name: string, aliases: string[] = []): ActorEntry {
  return { name, kind: 'place', aliases };
}

export const ACTOR_TABLE: readonly ActorEntry[] = [
  // Countries (capitals only where the capital routinely stands for the government).
  country('United States', ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America'], ['U.S.', 'US', 'American'], ['Washington']),
  country('Israel', ['State of Israel'], ['Israeli']),
  country('Egypt', [], ['Egyptian']),
  country('Qatar', [], ['Qatari'], ['Doha']),
  country('Turkey', ['Türkiye', 'Turkiye', 'Republic of Türkiye'], ['Turkish'], ['Ankara']),
  country('Iran', ['Islamic Republic of Iran'], ['Iranian'], ['Tehran']),
  country('Saudi Arabia', ['Kingdom of Saudi Arabia', 'KSA'], ['Saudi'], ['Riyadh']),
  country('United Arab Emirates', ['UAE', 'U.A.E.', 'Emirates'], ['Emirati'], ['Abu Dhabi']),
  country('Jordan', [], ['Jordanian'], ['Amman']),
  country('Lebanon', [], ['Lebanese']),
  country('Syria', [], ['Syrian'], ['Damascus']),
  country('Iraq', [], ['Iraqi']),
  country('Yemen', [], ['Yemeni']),
  country('Russia', ['Russian Federation'], ['Russian'], ['Moscow', 'Kremlin']),
  country('China', ["People's Republic of China", 'PRC'], ['Chinese'], ['Beijing']),
  country('United Kingdom', ['UK', 'U.K.', 'Britain', 'Great Britain'], ['British'], ['London', 'Downing Street']),
  country('France', [], ['French'], ['Paris', 'Elysee', 'Élysée']),
  country('Germany', [], ['German'], ['Berlin']),
  country('Italy', [], ['Italian']),
  country('Spain', [], ['Spanish']),
  country('Ukraine', [], ['Ukrainian'], ['Kyiv', 'Kiev']),
  country('India', [], ['Indian'], ['New Delhi']),
  country('Pakistan', [], ['Pakistani'], ['Islamabad']),
  country('Afghanistan', [], ['Afghan']),
  country('Japan', [], ['Japanese'], ['Tokyo']),
  country('South Korea', ['Republic of Korea'], ['South Korean'], ['Seoul']),
  country('North Korea', ['DPRK'], ['North Korean'], ['Pyongyang']),
  country('Canada', [], ['Canadian'], ['Ottawa']),
  country('Mexico', [], ['Mexican']),
  country('Brazil', [], ['Brazilian']),
  country('Argentina', [], ['Argentine', 'Argentinian']),
  country('Venezuela', [], ['Venezuelan']),
  country('Cuba', [], ['Cuban']),
  country('Colombia', [], ['Colombian']),
  country('South Africa', [], ['South African']),
  country('Nigeria', [], ['Nigerian']),
  country('Ethiopia', [], ['Ethiopian']),
  country('Sudan', [], ['Sudanese']),
  country('Libya', [], ['Libyan']),
  country('Algeria', [], ['Algerian']),
  country('Morocco', [], ['Moroccan']),
  country('Tunisia', [], ['Tunisian']),
  country('Bahrain', [], ['Bahraini']),
  country('Kuwait', [], ['Kuwaiti']),
  country('Oman', [], ['Omani']),
  country('Cyprus', [], ['Cypriot']),
  country('Greece', [], ['Greek']),
  country('Poland', [], ['Polish']),
  country('Hungary', [], ['Hungarian']),
  country('Netherlands', ['Holland'], ['Dutch']),
  country('Belgium', [], ['Belgian']),
  country('Norway', [], ['Norwegian']),
  country('Sweden', [], ['Swedish']),
  country('Ireland', [], ['Irish']),
  country('Indonesia', [], ['Indonesian']),
  country('Azerbaijan', [], ['Azerbaijani']),
  country('Australia', [], ['Australian']),
  country('Thailand', [], ['Thai']),
  country('Palestine', ['State of Palestine'], ['Palestinian']),
  country('Kenya', [], ['Kenyan']),
  country('Tanzania', [], ['Tanzanian']),
  country('Uganda', [], ['Ugandan']),
  country('Ghana', [], ['Ghanaian']),
  country('Senegal', [], ['Senegalese']),
  country('New Zealand', [], ['New Zealander']),
  country('Sri Lanka', [], ['Sri Lankan']),
  country('Costa Rica', [], ['Costa Rican']),
  country('El Salvador', [], ['Salvadoran']),

  // Governments' own institutions, when the text names them rather than the country.
  org('White House'),
  org('Pentagon', ['U.S. Department of Defense', 'Department of Defense']),
  org('U.S. State Department', ['State Department']),
  org('Israeli military', ['IDF', 'Israel Defense Forces', 'Israel Defence Forces', 'Israeli army', 'Israeli Army', 'Israeli forces', 'Israeli troops', "Israel's military", "Israel's army", 'Israeli military'], []),
  org('Israeli government', ['Israeli cabinet', 'Israeli security cabinet']),
  org('Knesset'),
  org('Shin Bet', ['Israel Security Agency']),
  org('Mossad'),
  org('Palestinian Authority', ['PA', 'Palestinian National Authority']),
  org('Palestine Liberation Organization', ['PLO', 'Palestine Liberation Organisation']),
  org('Egyptian State Information Service', ['State Information Service', 'SIS']),
  org('Civil-Military Coordination Center', ['Civil Military Coordination Center', 'Civil-Military Coordination Centre', 'CMCC']),
  org('Board of Peace', ['Peace Board']),
  org('Peace Committee'),

  // International organisations.
  org('United Nations', ['UN', 'U.N.'], ['UN', 'U.N.']),
  org('UN Security Council', ['Security Council', 'U.N. Security Council', 'United Nations Security Council', 'UNSC']),
  org('UN General Assembly', ['General Assembly', 'U.N. General Assembly', 'United Nations General Assembly']),
  org('UNRWA', ['U.N. Relief and Works Agency', 'UN Relief and Works Agency']),
  org('UNICEF'),
  org('World Food Programme', ['WFP', 'World Food Program']),
  org('World Health Organization', ['WHO', 'World Health Organisation']),
  org('International Committee of the Red Cross', ['ICRC', 'Red Cross']),
  org('International Criminal Court', ['ICC']),
  org('International Court of Justice', ['ICJ']),
  org('European Union', ['EU', 'E.U.'], ['European Union', 'EU']),
  org('European Commission'),
  org('NATO', ['North Atlantic Treaty Organization']),
  org('Arab League', ['League of Arab States']),
  org('African Union', ['AU']),
  org('Organisation of Islamic Cooperation', ['OIC', 'Organization of Islamic Cooperation']),
  org('Gulf Cooperation Council', ['GCC']),
  org('International Monetary Fund', ['IMF']),
  org('World Bank'),
  org('Amnesty International', ['Amnesty']),
  org('Human Rights Watch', ['HRW']),
  org('Doctors Without Borders', ['MSF', 'Médecins Sans Frontières', 'Medecins Sans Frontieres']),
  org('Hostages and Missing Families Forum', ['Hostages Families Forum']),

  // Armed and political groups.
  group('Hamas', ['Islamic Resistance Movement'], ['Hamas']),
  group('Qassam Brigades', ['Ezzedine al-Qassam Brigades', 'Izz ad-Din al-Qassam Brigades', 'al-Qassam Brigades', 'Al-Qassam Brigades']),
  group('Palestinian Islamic Jihad', ['Islamic Jihad', 'PIJ']),
  group('Fatah'),
  group('Hezbollah', ['Hizbollah', 'Hizbullah'], ['Hezbollah']),
  group('Houthis', ['Houthi', 'Ansar Allah', 'Huthis', 'Huthi']),
  group('Islamic State', ['ISIS', 'ISIL', 'IS group', 'Daesh']),
  group('al-Qaeda', ['Al-Qaeda', 'al Qaeda', 'Al Qaeda']),
  group('Taliban'),
  group('Muslim Brotherhood'),
  group('Popular Forces'),

  // News agencies and outlets (cited as sources; they are organisations, not governments).
  org('Reuters'),
  org('Agence France-Presse', ['AFP']),
  org('Associated Press', ['AP']),
  org('Al Jazeera', ['Al-Jazeera']),
  org('The Washington Post', ['Washington Post']),
  org('The New York Times', ['New York Times']),
  org('BBC'),
  org('CNN'),
  org('Axios'),

  // Places that news uses as settings (not actors that act, but worth knowing apart from names).
  place('Gaza', ['Gaza Strip', 'the Strip']),
  place('West Bank'),
  place('Rafah', ['Rafah crossing']),
  place('Khan Yunis', ['Khan Younis']),
  place('Jerusalem'),
  place('Tel Aviv'),
  place('Cairo'),
  place('Sharm el-Sheikh', ['Sharm El-Sheikh', 'Sharm al-Sheikh']),
  place('Miami'),
  place('Beirut'),
  place('Persian Gulf', ['the Gulf']),
  place('Red Sea'),
  place('Middle East'),
  place('Sinai', ['Sinai Peninsula']),
  place('Golan Heights'),
  // Continents and regions: settings, never actors ("Africa's climate plans").
  place('Africa'),
  place('Europe'),
  place('Asia'),
  place('Latin America'),
  place('East Africa'),
  place('West Africa'),
  place('Southeast Asia'),
  place('Central Asia'),
  place('Caribbean'),
  place('Arctic'),
  place('Antarctica'),
  place('New York', ['New York City']),
  // Cities of two capitalised words, which would otherwise read as a person's name.
  place('Hong Kong'),
  place('Los Angeles'),
  place('San Francisco'),
  place('Buenos Aires'),
  place('Rio de Janeiro'),
  place('Sao Paulo', ['São Paulo']),
  place('Kuala Lumpur'),
  place('Addis Ababa'),
  place('Dar es Salaam', ['Dar Es Salaam']),
  place('Cape Town'),
  place('Phnom Penh'),
  place('Ho Chi Minh City'),
  place('Port-au-Prince'),
  place('Mexico City'),
  place('Panama City'),
];

/** Returns a copy of the table with the extra aliases attached (new canonical names get kind 'unknown'). */
export function extendActorTable(extra: readonly ExtraAlias[], base: readonly ActorEntry[] = ACTOR_TABLE): ActorEntry[] {
  const out = base.map((e) => ({ ...e, aliases: [...(e.aliases ?? [])] }));
  const byName = new Map(out.map((e) => [e.name.toLowerCase(), e]));
  for (const { alias, canonical } of extra) {
    const a = alias.trim().slice(0, 200);
    const c = canonical.trim().slice(0, 200);
    if (!a || !c) continue;
    let entry = byName.get(c.toLowerCase());
    if (!entry) {
      entry = { name: c, kind: 'unknown', aliases: [] };
      out.push(entry);
      byName.set(c.toLowerCase(), entry);
    }
    entry.aliases!.push(a);
  }
  return out;
}

/** News agencies and outlets: cited as sources, not actors of a story. */
export const NEWS_OUTLET_NAMES: ReadonlySet<string> = new Set([
  'Reuters', 'Agence France-Presse', 'Associated Press', 'Al Jazeera', 'The Washington Post', 'The New York Times', 'BBC', 'CNN', 'Axios',
  'AFP', 'AP', 'Xinhua', 'UPI', 'Bloomberg', 'Dow Jones', 'Fox News', 'NBC', 'NBC News', 'ABC', 'ABC News', 'CBS', 'CBS News', 'NPR', 'PBS',
  'The Guardian', 'The Times', 'Sky News', 'Financial Times', 'The Wall Street Journal', 'Wall Street Journal', 'The Economist', 'Politico',
  'USA Today', 'Los Angeles Times', 'Daily Mail', 'The Telegraph', 'The Independent', 'Haaretz', 'The Times of Israel', 'Al Arabiya',
  'Deutsche Welle', 'France 24', 'Euronews', 'Kyodo', 'Yonhap', 'TASS', 'RIA Novosti', 'Anadolu Agency', 'HealthDay News', 'Press TV',
  'CNBC', 'MSNBC', 'ZDF', 'ARD', 'NHK', 'CGTN', 'RT', 'Nikkei', 'Le Monde', 'Der Spiegel', 'Al-Jazeera', 'CBC', 'ITV', 'Channel 4',
  'Newsmax', 'Semafor', 'The Hill', 'Agence France Presse', 'Fox', 'Fox Business', 'Fox News Channel',
  // Magazines, tabloids and web outlets quoted as sources ("according to People's Daily Online").
  'People', "People's Daily", "People's Daily Online", 'Global Times', 'TMZ', 'Us Weekly', 'Variety', 'Vocativ', 'The Atlantic',
  'Vox', 'BuzzFeed', 'BuzzFeed News', 'HuffPost', 'Huffington Post', 'The Huffington Post', 'Newsweek', 'Time', 'The Daily Beast',
  'Daily Beast', 'New York Post', 'Chicago Tribune', 'The Boston Globe', 'Rolling Stone', 'Entertainment Weekly', 'Page Six',
  'The Sun', 'Vanity Fair', 'Forbes', 'Business Insider', 'Slate', 'Salon', 'Mother Jones', 'The Verge', 'Wired',
  'Sports Illustrated', 'Teen Vogue', 'Vogue', 'Deadline', 'The Hollywood Reporter', 'Hollywood Reporter', 'Press Democrat',
  'Automotive News', 'PBS NewsHour', 'Consumer Reports', 'Politico Europe', 'The New Yorker', 'New Yorker', 'Gizmodo',
  'TechCrunch', 'Engadget', 'Mashable', 'Reddit', 'Drudge Report', 'Breitbart', 'Breitbart News', 'Daily Caller',
  'The Daily Caller', 'Fox Sports', 'ESPN', 'Sky Sports', 'BBC Sport', 'Al-Monitor',
  // Scientific journals quoted as the source of a study.
  'Science', 'Nature', 'Cell', 'The Lancet', 'Lancet', 'JAMA', 'BMJ', 'PLOS ONE', 'PLoS ONE', 'Science Translational Medicine',
  'New England Journal of Medicine', 'Nature Communications', 'Scientific Reports', 'Pediatrics', 'Neurology',
]);

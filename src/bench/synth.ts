// Deterministic synthetic news for the bench: ~5 KB articles about events. Each event belongs to a
// topic (a pool of topic words) and has its own names and a date; several articles (outlets) cover
// each event within a couple of days, so clusters form the way they do in real news.

/** mulberry32: small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ba be bi bo bu ca ce co da de di do fa fe fi ga ge go ha he ho ja ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo'.split(' ');

function pseudoWord(r: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
  return w;
}

export interface SynthArticle {
  url: string;
  outlet: string;
  title: string;
  text: string;
  publishedAt: string;
  eventId: number;
}

export interface SynthOptions {
  seed?: number;
  topics?: number;
  /** Articles per event (average). */
  perEvent?: number;
  /** Target text size in bytes. */
  bytes?: number;
  /** Dates spread over this many days. */
  spanDays?: number;
}

/** An endless, deterministic stream of synthetic articles. */
export function* synthArticles(opts: SynthOptions = {}): Generator<SynthArticle> {
  const r = rng(opts.seed ?? 42);
  const topicsN = opts.topics ?? 300;
  const perEvent = opts.perEvent ?? 6;
  const bytes = opts.bytes ?? 5000;
  const spanDays = opts.spanDays ?? 730;
  // Common vocabulary, drawn Zipf-like (low index = frequent).
  const common = Array.from({ length: 6000 }, () => pseudoWord(r, 2 + Math.floor(r() * 2)));
  const topics = Array.from({ length: topicsN }, () => Array.from({ length: 60 }, () => pseudoWord(r, 3)));
  const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i + 1}`);
  const start = Date.UTC(2024, 0, 1);
  const zipf = () => common[Math.floor(Math.pow(r(), 2.2) * common.length)]!;
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

  for (let eventId = 0; ; eventId++) {
    const topic = topics[Math.floor(r() * topics.length)]!;
    const focus = Array.from({ length: 12 }, () => topic[Math.floor(r() * topic.length)]!);
    const names = Array.from({ length: 5 }, () => cap(pseudoWord(r, 3)));
    const day = start + Math.floor((eventId / 10) % spanDays) * 86_400_000 + Math.floor(r() * 86_400_000);
    const n = 1 + Math.floor(r() * perEvent * 2);
    for (let k = 0; k < n; k++) {
      const pick = (): string => {
        const x = r();
        if (x < 0.06) return names[Math.floor(r() * names.length)]!;
        if (x < 0.2) return focus[Math.floor(r() * focus.length)]!;
        if (x < 0.3) return topic[Math.floor(r() * topic.length)]!;
        return zipf();
      };
      const title = cap([pick(), pick(), names[0]!, pick(), pick(), pick()].join(' '));
      const paragraphs: string[] = [];
      let size = 0;
      while (size < bytes) {
        const sentences: string[] = [];
        for (let s = 0; s < 4; s++) {
          const len = 10 + Math.floor(r() * 14);
          const ws = Array.from({ length: len }, pick);
          sentences.push(`${cap(ws.join(' '))}.`);
        }
        const p = sentences.join(' ');
        paragraphs.push(p);
        size += p.length + 2;
      }
      const publishedAt = new Date(day + Math.floor(r() * 2 * 86_400_000)).toISOString();
      yield {
        url: `https://news.example/${eventId}/${k}`,
        outlet: outlets[Math.floor(r() * outlets.length)]!,
        title,
        text: paragraphs.join('\n\n'),
        publishedAt,
        eventId,
      };
    }
  }
}

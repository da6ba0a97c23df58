// `npm run eval:post -- FILE.jsonl [...]`: "would I post this?" counts over an eval set. Every
// record is briefed by the extractive engine (clusters: `{articles: [{text}]}`, single articles:
// `{text}`), and what a reader would see is checked for what must never reach a channel: a wire
// dateline or slug, a photo caption or credit, a fragment (half a quote, an opening connective, a
// lowercase or bracket start, a headline cut with "…"), a first-person aside in "why it matters",
// two takeaways saying the same thing. The detectors are written apart from the engine's own
// rules (src/brief/clean.ts), so the counts measure it rather than repeat it. Not part of `npm test`.
import fs from 'node:fs';
import { briefExtractive } from '../brief/extractive.js';
import { splitSentences, words, isStopword, stem } from '../analyze/text.js';
import type { Briefing, BriefingArticle } from '../domain/types.js';

type Problem = 'dateline' | 'caption' | 'fragment' | 'aside' | 'duplicate takeaway';

const DATELINE = [
  /^[\p{Lu}][\p{Lu}\p{L}\d .,'’-]{0,60}\((?:Reuters|AP|AFP|Xinhua|UPI|CNN|HealthDay News|Bloomberg|[A-Z][A-Za-z]+ News)\)\s*(?:--|-|—|–|_|:)/u,
  /^[\p{Lu}][\p{Lu}\d .,'’-]{2,40}\s+(?:_|--)\s+/u,
  /^[\p{Lu}]{3,}(?:[ ,.][\p{Lu}.]+)*,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*[-–—(]/u,
  // "SEOUL, South Korea — ...": a city in capitals, its region, a dash.
  /^[\p{Lu}]{3,}[\p{Lu} .'’-]*,\s*[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*){0,2}\s+(?:—|–|--|-)\s/u,
];
const CAPTION = [/,\s(?:left|right|center|centre|second from (?:left|right))\s*,/i, /\bfile photo\b/i, /^FILE\b/, /\((?:AP|AFP|Reuters) Photo/i, /\bpictured\b/i, /\bcourtesy\b/i, /\bphoto (?:credit|by)\b/i, /\bthis budget\b/i];
const FIRST_PERSON = /(?:^|\s)(?:I|I'm|I’m|I've|I’ve|my|we|our|me)\s/i;

function unbalanced(s: string): boolean {
  if ((s.match(/"/g)?.length ?? 0) % 2) return true;
  return (s.match(/“/g)?.length ?? 0) !== (s.match(/”/g)?.length ?? 0);
}

function fragment(s: string, kind: 'headline' | 'sentence'): boolean {
  if (kind === 'headline') return /…$|\.\.\.$/.test(s.trim());
  if (!/^["“‘']?[\p{Lu}\p{N}]/u.test(s)) return true;
  if (/^["“]?(?:and|but|yet|or|so)\s/i.test(s)) return true;
  if (unbalanced(s)) return true;
  if (/(?:\.\.\.|…)\s*["”’)]?\s*$/.test(s)) return true;
  return !/[.!?]["”’')]?$/.test(s.trim());
}

function terms(s: string): Set<string> {
  return new Set(words(s).filter((w) => w.length > 2 && !isStopword(w)).map(stem));
}

function sameFact(a: string, b: string): boolean {
  const x = terms(a);
  const y = terms(b);
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  if (!small.size) return false;
  let n = 0;
  for (const t of small) if (big.has(t)) n++;
  return n / small.size >= 0.6;
}

export function problemsOf(b: Briefing): Problem[] {
  const out = new Set<Problem>();
  const shown = [b.lede, ...b.takeaways.map((t) => t.text), ...splitSentences(b.whyItMatters)].filter(Boolean);
  for (const s of [b.headline, ...shown]) {
    if (DATELINE.some((re) => re.test(s))) out.add('dateline');
    if (CAPTION.some((re) => re.test(s))) out.add('caption');
  }
  if (fragment(b.headline, 'headline') || shown.some((s) => fragment(s, 'sentence'))) out.add('fragment');
  if (splitSentences(b.whyItMatters).some((s) => FIRST_PERSON.test(s.replace(/"[^"]*"|“[^”]*”/g, ' ')))) out.add('aside');
  const ts = b.takeaways.map((t) => t.text);
  if (ts.some((t, i) => ts.some((u, j) => j > i && sameFact(t, u)))) out.add('duplicate takeaway');
  return [...out];
}

interface EvalRecord {
  text?: string;
  articles?: Array<{ text: string; title?: string } | string>;
  documents?: Array<{ text: string; title?: string } | string>;
}

function articlesOf(r: EvalRecord): BriefingArticle[] {
  const list = r.articles ?? r.documents ?? (r.text ? [{ text: r.text }] : []);
  return list.map((a, i) => {
    const x = typeof a === 'string' ? { text: a } : a;
    return { id: i + 1, title: x.title ?? '', outlet: `outlet ${i + 1}`, url: `https://outlet${i + 1}.example/a`, text: x.text };
  });
}

function main(): void {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const verbose = process.argv.includes('--show');
  if (!files.length) {
    process.stderr.write('usage: npm run eval:post -- FILE.jsonl [FILE.jsonl ...] [--show]\n');
    process.exit(2);
  }
  for (const file of files) {
    const counts = new Map<Problem, number>();
    let n = 0;
    let failed = 0;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const articles = articlesOf(JSON.parse(line) as EvalRecord);
      if (!articles.length) continue;
      n++;
      let b: Briefing;
      try {
        b = briefExtractive({ articles });
      } catch {
        failed++;
        continue;
      }
      const ps = problemsOf(b);
      for (const p of ps) counts.set(p, (counts.get(p) ?? 0) + 1);
      if (verbose && ps.length) console.log(`#${n} ${ps.join(', ')}\n  H: ${b.headline}\n  L: ${b.lede}\n${b.takeaways.map((t, i) => `  ${i + 1}. ${t.text}`).join('\n')}\n  W: ${b.whyItMatters}\n`);
    }
    console.log(`== ${file.split('/').pop()}: ${n} briefings${failed ? ` (${failed} could not be briefed)` : ''}`);
    for (const p of ['dateline', 'caption', 'fragment', 'aside', 'duplicate takeaway'] as Problem[]) console.log(`${p.padEnd(20)} ${counts.get(p) ?? 0}`);
  }
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href) main();

// The versioned prompt templates in prompts/ (kept as files so wording is reviewed apart from code):
// loaded once at start, resolved from the package root so it works from src/ (tests) and dist/.
// The article text goes in as fenced, numbered passages labelled as data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnswerRequest, BriefingArticle, StoryAnalysis } from '../../domain/types.js';
import type { Passage } from '../../brief/passages.js';

export interface PromptTemplate {
  /** The version line of the file ("briefing.v1"): part of every cache key. */
  version: string;
  system: string;
  user: string;
  revise: string;
}

/** prompts/ at the package root: src/engines/openai/ and dist/engines/openai/ are both three levels down. */
export const PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url));

export function parsePrompt(text: string, file = 'prompt'): PromptTemplate {
  const version = /^version:\s*(\S+)\s*$/m.exec(text)?.[1];
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const sections = new Map<string, string>();
  const parts = body.split(/^## +(\w+)\s*$/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i]!.toLowerCase(), parts[i + 1]!.trim());
  const missing = ['system', 'user', 'revise'].filter((s) => !sections.get(s));
  if (!version || missing.length) throw new Error(`${file}: a prompt needs a "version:" line and ## system, ## user and ## revise sections${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`);
  return { version, system: sections.get('system')!, user: sections.get('user')!, revise: sections.get('revise')! };
}

export function loadPrompt(name = 'briefing.v1', dir = PROMPTS_DIR): PromptTemplate {
  const file = `${dir}${dir.endsWith('/') ? '' : '/'}${name}.md`;
  return parsePrompt(readFileSync(file, 'utf8'), file);
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => values[k] ?? m);
}

/**
 * Untrusted text made unable to leave its fence: angle brackets become look-alikes, so a passage
 * cannot close its <source> tag or open a fake one; control characters go.
 */
export function fenceSafe(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/</g, '‹')
    .replace(/>/g, '›');
}

function attr(v: string): string {
  return fenceSafe(v).replace(/["\n\r]/g, "'").slice(0, 200);
}

/** The numbered sources: one fenced block per source holding its chosen passages, numbered n.k. */
export function sourcesBlock(articles: readonly BriefingArticle[], passages: readonly Passage[]): string {
  const blocks: string[] = [];
  articles.forEach((a, i) => {
    const n = i + 1;
    const mine = passages.filter((p) => p.source === n);
    if (!mine.length) return;
    const meta = [`n="${n}"`, a.outlet ? `outlet="${attr(a.outlet)}"` : '', a.publishedAt ? `date="${attr(a.publishedAt.slice(0, 10))}"` : ''].filter(Boolean).join(' ');
    const lines = [`<source ${meta}>`, `title: ${fenceSafe(a.title ?? '')}`, ...mine.map((p, k) => `[${n}.${k + 1}] ${fenceSafe(p.text)}`), `</source>`];
    blocks.push(lines.join('\n'));
  });
  return blocks.join('\n\n');
}

export function userMessage(t: PromptTemplate, input: { articles: readonly BriefingArticle[]; passages: readonly Passage[]; analysis: StoryAnalysis; topic?: string }): string {
  const actors = input.analysis.actors.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join('; ');
  const phase = input.analysis.phase ? `${input.analysis.phase.name}: ${input.analysis.phase.status}` : 'none';
  return fill(t.user, {
    FOCUS: input.topic?.trim() ? `Focus on what concerns: ${fenceSafe(input.topic.trim()).slice(0, 200)}` : '',
    ACTORS: fenceSafe(actors || 'none'),
    PHASE: fenceSafe(phase),
    SOURCES: sourcesBlock(input.articles, input.passages),
  });
}

const LANGUAGES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', tr: 'Turkish', ar: 'Arabic', he: 'Hebrew' };

function languageName(language: string | undefined): string {
  const code = (language ?? 'en').toLowerCase();
  return LANGUAGES[code] ?? `the language with ISO 639-1 code "${code.replace(/[^a-z-]/g, '').slice(0, 10)}"`;
}

/** The system message: {{LANGUAGE}}, and {{MAX_TAKEAWAYS}} (the briefing) or {{MAX_POINTS}} (an answer summary). */
export function systemMessage(t: PromptTemplate, opts: { maxTakeaways?: number; maxPoints?: number; language?: string }): string {
  return fill(t.system, { MAX_TAKEAWAYS: String(opts.maxTakeaways ?? 5), MAX_POINTS: String(opts.maxPoints ?? 4), LANGUAGE: languageName(opts.language) });
}

/** A computed answer's passages, fenced and numbered: one <passage n> block each, labelled with its date or role. */
export function passagesBlock(passages: AnswerRequest['passages'], sources: AnswerRequest['sources']): string {
  const outlet = new Map(sources.map((s) => [s.n, s.outlet ?? '']));
  return passages
    .map((p) => {
      const outlets = [...new Set(p.sources.map((n) => outlet.get(n)).filter(Boolean))].join('; ');
      const meta = [`n="${p.n}"`, `label="${attr(p.label)}"`, outlets ? `outlets="${attr(outlets)}"` : ''].filter(Boolean).join(' ');
      return [`<passage ${meta}>`, fenceSafe(p.text), '</passage>'].join('\n');
    })
    .join('\n\n');
}

export function answerUserMessage(t: PromptTemplate, input: Pick<AnswerRequest, 'subject' | 'passages' | 'sources'>): string {
  return fill(t.user, { SUBJECT: fenceSafe(input.subject).slice(0, 300), PASSAGES: passagesBlock(input.passages, input.sources) });
}

export function reviseMessage(t: PromptTemplate, failures: readonly string[]): string {
  return fill(t.revise, { FAILURES: failures.map((f) => `- ${f}`).join('\n') });
}

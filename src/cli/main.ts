// `newsbrief` CLI. Exit status: 0 success, 2 bad usage, 1 failure (one-line reason on stderr).
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { parseDuration, sinceIso } from '../domain/duration.js';
import type { IngestOutcome } from '../domain/types.js';
import { renderBriefingMarkdown, renderStoriesMarkdown } from '../render/markdown/briefing.js';
import { renderActorMarkdown, renderPhaseMarkdown, renderTimelineMarkdown } from '../render/markdown/queries.js';
import { briefStory, briefTopic, digest, ingestInputs, summarize } from '../app/commands.js';
import { openServices, makeCollectOptions, makeEngine, type OpenServices } from '../app/compose.js';
import { loadConfig, ConfigError, type Config } from '../config.js';
import { ProgressLine } from './progress.js';
import {
  actorNames,
  actorQuery,
  addActorAlias,
  phaseNames,
  phaseQuery,
  sinceOption,
  timelineQuery,
  type ArticleSearch,
} from '../queries/index.js';
import { loadDotEnv } from '../app/env-file.js';

class UsageError extends Error {}

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Reads all of standard input (for `-`); process.stdin when not given. */
  stdin?: () => Promise<Buffer>;
}

/** Largest values of the count options; ids are bounded by what an integer can hold exactly. */
export const MAX_LIMIT = 100_000;
export const MAX_DIGEST_STORIES = 1_000;
export const MAX_ACROSS = 100;

function positiveInt(name: string, max: number = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got "${oneLine(v).slice(0, 40)}"`);
    if (n > max) throw new UsageError(`${name} must be at most ${max}, got ${oneLine(v).slice(0, 40)}`);
    return n;
  };
}

function durationArg(v: string): string {
  if (parseDuration(v) === undefined) throw new UsageError(`not a duration: "${oneLine(v).slice(0, 40)}" (expected e.g. 30m, 24h, 7d; at most 100 years)`);
  return v;
}

function describeOutcome(o: IngestOutcome): string {
  switch (o.status) {
    case 'added': {
      const story = o.newStory ? `new story #${o.storyId}` : `story #${o.storyId}`;
      const near = o.nearCopyOf ? `, near-copy of #${o.nearCopyOf}` : '';
      return `added      #${o.articleId} (${story}${near})  ${o.title}`;
    }
    case 'duplicate':
      return `duplicate  of #${o.duplicateOf} (same ${o.reason === 'url' ? 'URL' : 'content'})  ${o.title}  [${o.input}]`;
    case 'rejected':
      // Ingest reasons usually lead with the input already; do not print it twice.
      return `rejected   ${o.reason.startsWith(o.input) ? o.reason : `${o.input}: ${o.reason}`}`;
    case 'notice':
      return `note       ${o.message.startsWith(o.input) ? o.message : `${o.input}: ${o.message}`}`;
  }
}

export function buildProgram(io: CliIo): { program: Command; close(): Promise<void> } {
  const { env, stderr } = io;
  const out = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  };
  let config: Config | undefined;
  const cfg = (): Config => (config ??= loadConfig(env));
  let services: OpenServices | undefined;

  const program = new Command('newsbrief')
    .description('Merge news from many outlets into stories and write Key Takeaways briefings.')
    .option('--db <file>', 'SQLite database file (env NEWSBRIEF_DB, default ./data/newsbrief.db)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => stderr.write(s), writeOut: (s) => io.stdout.write(s) });

  const dbPath = (): string => {
    const given = program.opts<{ db?: string }>().db;
    if (given !== undefined && given.trim() === '') throw new UsageError('--db needs a file path, got ""');
    return given ?? cfg().NEWSBRIEF_DB;
  };
  /** `read`: the commands that only look at the archive; they never create a database (or its folder). */
  const open = async (mode: 'read' | 'write' = 'read'): Promise<OpenServices> => {
    const path = dbPath();
    if (!services && mode === 'read' && path !== ':memory:' && !existsSync(path)) throw new Error(`no such database: ${path}`);
    services ??= await openServices({ ...cfg(), NEWSBRIEF_DB: path });
    return services;
  };
  /** The actor/phase/timeline queries' port, built with the other adapters in the composition root. */
  const openSearch = async (): Promise<ArticleSearch> => (await open()).search;

  program
    .command('ingest')
    .description('Ingest files, folders, feeds (RSS/Atom/JSON, file or URL) and article URLs')
    .argument('<inputs...>', 'paths, folders or http(s) URLs')
    .action(async (inputs: string[]) => {
      const svc = await open('write');
      const progress = new ProgressLine(stderr as NodeJS.WriteStream);
      const summary = await ingestInputs(svc, inputs, (o) => {
        progress.clear();
        out(describeOutcome(o));
        progress.tick(o.status);
      });
      progress.done();
      out(
        `${summary.added} added (${summary.newStories} new stories), ${summary.duplicates} duplicates, ${summary.rejected} rejected`,
      );
      // Some inputs failing is a normal batch; nothing usable at all is a failure.
      if (summary.rejected > 0 && summary.added + summary.duplicates === 0) {
        throw new Error(`nothing ingested: all ${summary.rejected} inputs were rejected`);
      }
    });

  program
    .command('stories')
    .description('List stories, most recently updated first')
    .addOption(new Option('--since <duration>', 'only stories updated in this window, e.g. 7d').argParser(durationArg))
    .addOption(new Option('--limit <n>', 'at most n stories').argParser(positiveInt('--limit', MAX_LIMIT)).default(50))
    .option('--json', 'JSON output')
    .action(async (opts: { since?: string; limit: number; json?: boolean }) => {
      const svc = await open();
      const since = opts.since ? sinceIso(opts.since) : undefined;
      const stories = await svc.store.listStories({ since, limit: opts.limit });
      if (!opts.json) return out(renderStoriesMarkdown(stories));
      const full = await Promise.all(stories.map((s) => svc.store.getStory(s.id)));
      out(
        JSON.stringify(
          full.filter(Boolean).map((s) => ({
            id: s!.id,
            headline: s!.headline,
            updatedAt: s!.updatedAt,
            ...(s!.lastPublishedAt ? { lastPublishedAt: s!.lastPublishedAt } : {}),
            articles: s!.articles.map((a) => ({ id: a.id, title: a.title, outlet: a.outlet, url: a.url, publishedAt: a.publishedAt })),
          })),
          null,
          2,
        ),
      );
    });

  program
    .command('brief')
    .description('Brief the best-matching story for TOPIC (or the latest story), or --story ID')
    .argument('[topic...]', 'words to match against stories')
    .addOption(new Option('--story <id>', 'brief this story').argParser(positiveInt('--story')))
    .addOption(new Option('--across <n>', 'one briefing across the n best-matching stories').argParser(positiveInt('--across', MAX_ACROSS)))
    .option('--json', 'JSON output')
    .action(async (topicWords: string[], opts: { story?: number; across?: number; json?: boolean }) => {
      const topic = topicWords.join(' ').trim();
      if (opts.story !== undefined && topic) throw new UsageError('give either a TOPIC or --story, not both');
      if (/^https?:\/\/\S+$/i.test(topic)) {
        // `brief URL`: the page itself, fetched safely and briefed, nothing stored.
        const c = cfg();
        for await (const r of summarize({ engine: makeEngine(c), collectOptions: makeCollectOptions(c) }, [topic])) {
          if ('error' in r) throw new Error(r.error.startsWith(r.input) ? r.error : `${r.input}: ${r.error}`);
          out(opts.json ? JSON.stringify(r.briefing, null, 2) : renderBriefingMarkdown(r.briefing));
          return;
        }
        throw new Error(`${topic}: no article found`);
      }
      const svc = await open();
      const result = opts.story !== undefined ? await briefStory(svc, opts.story) : await briefTopic(svc, topic, { across: opts.across });
      out(opts.json ? JSON.stringify(result.briefing, null, 2) : renderBriefingMarkdown(result.briefing));
    });

  program
    .command('summarize')
    .description('Brief files, URLs or stdin (-) directly; nothing is stored')
    .argument('<inputs...>', 'paths, URLs, or - for stdin')
    .option('--as-one', 'one briefing for all inputs together')
    .option('--json', 'one JSON line per briefing: {input, briefing}')
    .action(async (inputs: string[], opts: { asOne?: boolean; json?: boolean }) => {
      const c = cfg();
      const svc = { engine: makeEngine(c), collectOptions: { ...makeCollectOptions(c), ...(io.stdin ? { readStdin: io.stdin } : {}) } };
      let ok = 0;
      let failed = 0;
      for await (const r of summarize(svc, inputs, { asOne: opts.asOne })) {
        if ('error' in r) {
          failed++;
          // Collected rejections already lead with the input; do not print it twice.
          stderr.write(`newsbrief: ${r.error.startsWith(r.input) ? r.error : `${r.input}: ${r.error}`}\n`);
          continue;
        }
        ok++;
        out(opts.json ? JSON.stringify({ input: r.input, briefing: r.briefing }) : renderBriefingMarkdown(r.briefing));
      }
      if (ok === 0) throw new Error(failed ? 'no input could be summarized' : 'no article found in the inputs');
    });

  program
    .command('digest')
    .description('Briefings of the stories that moved in the window')
    .addOption(new Option('--since <duration>', 'window, e.g. 24h').argParser(durationArg).default('24h'))
    .addOption(new Option('--max <n>', 'at most n stories').argParser(positiveInt('--max', MAX_DIGEST_STORIES)))
    .option('--json', 'JSON output: [{story, briefing}]')
    .action(async (opts: { since: string; max?: number; json?: boolean }) => {
      const svc = await open();
      const items = await digest(svc, { since: opts.since, maxStories: opts.max ?? cfg().NEWSBRIEF_DIGEST_MAX_STORIES });
      if (opts.json) {
        out(JSON.stringify(items.map((i) => ({ storyId: i.story.id, briefing: i.briefing })), null, 2));
      } else if (items.length === 0) {
        out(`_No stories moved in the last ${opts.since}._`);
      } else {
        out(items.map((i) => renderBriefingMarkdown(i.briefing)).join('\n---\n\n'));
      }
    });

  program
    .command('actor')
    .description('Who an actor (person, group, country) is, and what it did and said lately')
    .argument('<name...>', 'a name or alias, e.g. Hamas, "al-Hayya", Türkiye')
    .addOption(new Option('--storyline <id>', 'only this storyline').argParser(positiveInt('--storyline')))
    .option('--json', 'JSON output')
    .action(async (nameWords: string[], opts: { storyline?: number; json?: boolean }) => {
      const answer = await actorQuery(await openSearch(), nameWords.join(' '), opts.storyline ? { storylineId: opts.storyline } : {});
      out(opts.json ? JSON.stringify(answer, null, 2) : renderActorMarkdown(answer));
    });

  program
    .command('phase')
    .description('What a phase of a process holds, its status, sticking points and dated timeline')
    .argument('<name...>', 'e.g. "phase two", "first phase"')
    .addOption(new Option('--storyline <id>', 'only this storyline').argParser(positiveInt('--storyline')))
    .option('--process <key>', 'pick one process when the name matches several (keys are listed)')
    .option('--json', 'JSON output')
    .action(async (nameWords: string[], opts: { storyline?: number; process?: string; json?: boolean }) => {
      const answer = await phaseQuery(await openSearch(), nameWords.join(' '), {
        ...(opts.storyline ? { storylineId: opts.storyline } : {}),
        ...(opts.process ? { process: opts.process } : {}),
      });
      out(opts.json ? JSON.stringify(answer, null, 2) : renderPhaseMarkdown(answer));
    });

  program
    .command('timeline')
    .description('Dated events of a topic or storyline, oldest first')
    .argument('[topic...]', 'words to match')
    .addOption(new Option('--storyline <id>', 'this storyline').argParser(positiveInt('--storyline')))
    .addOption(new Option('--since <duration>', 'only events in this window, e.g. 30d').argParser(durationArg))
    .option('--json', 'JSON output: [{date, text, storyline, sources}]')
    .action(async (topicWords: string[], opts: { storyline?: number; since?: string; json?: boolean }) => {
      const topic = topicWords.join(' ').trim();
      const view = await timelineQuery(await openSearch(), {
        ...(topic ? { topic } : {}),
        ...(opts.storyline ? { storylineId: opts.storyline } : {}),
        ...(opts.since ? { since: sinceOption(opts.since) } : {}),
      });
      if (!opts.json) return out(renderTimelineMarkdown(view));
      const byN = new Map(view.sources.map((s) => [s.n, s]));
      out(JSON.stringify(view.entries.map((e) => ({ ...e, sources: e.sources.map((n) => byN.get(n)).filter(Boolean) })), null, 2));
    });

  program
    .command('actors')
    .description('Actor names for autocompletion, best first (at most 25)')
    .argument('[prefix]', 'first letters')
    .action(async (prefix?: string) => out((await actorNames(await openSearch(), prefix)).join('\n')));

  program
    .command('phases')
    .description('Phase names for autocompletion, best first (at most 25)')
    .argument('[prefix]', 'first letters')
    .action(async (prefix?: string) => out((await phaseNames(await openSearch(), prefix)).join('\n')));

  program
    .command('alias')
    .description('Admin: teach an alias of an actor, e.g. alias "IOF" "Israeli military"')
    .argument('<alias>')
    .argument('<canonical>')
    .action(async (alias: string, canonical: string) => {
      await addActorAlias(await openSearch(), alias, canonical);
      out(`alias added: ${alias} = ${canonical}`);
    });

  const close = async (): Promise<void> => {
    const s = services;
    services = undefined;
    await s?.close();
  };
  return { program, close };
}

/** Runs the CLI; returns the exit status instead of exiting so tests can call it in-process. */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  if (!io.env) loadDotEnv();
  const full: CliIo = { env: io.env ?? process.env, stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, ...(io.stdin ? { stdin: io.stdin } : {}) };
  const { program, close } = buildProgram(full);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 1;
      return 2; // commander already printed the usage problem
    }
    const e = err as Error;
    const usage = e instanceof UsageError || e instanceof ConfigError;
    full.stderr.write(`newsbrief: ${e instanceof ConfigError ? e.message : oneLine(e.message)}\n`);
    return usage ? 2 : 1;
  } finally {
    await close();
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// The OpenAI engine (issue 11, ADR 020): a Key Takeaways briefing written by any OpenAI-compatible
// model (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio through a base URL), grounded and
// bounded: the extractive side picks the passages within a token budget, the model must cite them,
// the shared verifier checks every figure, date and name (one re-ask, then failing points dropped),
// and whenever the model cannot do its job (down, slow, over budget, ungrounded) the extractive
// engine writes the briefing instead, saying so. The SDK lives here only: domain code never sees it.
// The same engine writes the /actor and /phase summaries (./answer.ts) through the same caller.
import { createHash } from 'node:crypto';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Briefing, BriefingArticle, BriefingRequest, BriefingSource, Engine, StoryAnalysis } from '../../domain/types.js';
import { EngineError } from '../../domain/errors.js';
import { orderArticles } from '../../brief/order.js';
import { analyzeStory } from '../../brief/story-analysis.js';
import { estimateTokens, selectPassages } from '../../brief/passages.js';
import { describeFailures, dropFailing, verifyBriefing, type VerifySource } from '../../brief/verify.js';
import { createExtractiveEngine } from '../../brief/extractive.js';
import type { BriefingCache } from '../../store/briefing-cache.js';
import { createModelCaller, OFFLINE, type CallFor, type ModelCallerOptions } from './caller.js';
import { createAnswerWriter } from './answer.js';
import { loadPrompt, reviseMessage, systemMessage, userMessage, type PromptTemplate } from './prompt.js';
import { briefingAnswer, type BriefingAnswer } from './schema.js';

export interface OpenAIEngineOptions extends ModelCallerOptions {
  /** Input tokens per briefing (passages, instructions and all), unless the request says less; also the bound of an answer summary's input. */
  maxInputTokens: number;
  cache?: BriefingCache;
  /** Writes the briefing when the model cannot; the extractive engine by default. */
  fallback?: Engine;
  prompt?: PromptTemplate;
  /** The /actor and /phase summary prompts (prompts/actor.v1.md, phase.v1.md by default). */
  answerPrompts?: { actor: PromptTemplate; phase: PromptTemplate };
  log?: { warn(obj: object, msg: string): void };
}

export { OFFLINE };

/** Tokens kept back for the instructions and the answer's own framing, beside the passages. */
const PROMPT_OVERHEAD_TOKENS = 450;
/** An answer this long at most (a briefing is a few hundred words). */
const MAX_OUTPUT_TOKENS = 900;

export function createOpenAIEngine(opts: OpenAIEngineOptions): Engine {
  const prompt = opts.prompt ?? loadPrompt();
  const caller = createModelCaller(opts);
  const breaker = caller.breaker;
  const now = opts.now ?? (() => new Date());
  const fallback = opts.fallback ?? createExtractiveEngine();
  const responseFormat = zodResponseFormat(briefingAnswer, 'briefing');
  const ask = (messages: ChatCompletionMessageParam[], request: BriefingRequest): Promise<BriefingAnswer> => caller.ask(messages, responseFormat, MAX_OUTPUT_TOKENS, callFor(request));

  const answer = createAnswerWriter({
    caller,
    maxInputTokens: opts.maxInputTokens,
    now,
    ...(opts.cache ? { cache: opts.cache } : {}),
    ...(opts.answerPrompts ? { prompts: opts.answerPrompts } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });

  async function offline(request: BriefingRequest, analysis: StoryAnalysis, note: string): Promise<Briefing> {
    return { ...(await fallback.brief({ ...request, analysis })), note };
  }

  return {
    name: 'openai',
    answer,
    async brief(request: BriefingRequest): Promise<Briefing> {
      const articles = orderArticles(request.articles ?? []);
      const budget = Math.max(200, (request.maxInputTokens ?? opts.maxInputTokens) - PROMPT_OVERHEAD_TOKENS);
      const maxTakeaways = Math.min(5, Math.max(3, request.maxTakeaways ?? 5));
      // The cache first: an unchanged story costs neither a call nor the analysis below.
      const key = cacheKey(prompt.version, opts.model, articles, request, maxTakeaways, budget);
      const cached = articles.length ? await opts.cache?.get(key) : undefined;
      if (cached) return cached;
      const analysis = request.analysis ?? analyzeStory(articles);
      const selection = selectPassages(articles, { maxTokens: budget });
      // Too little text for a model to work with: the extractive engine says why (nothing_to_brief).
      if (selection.passages.length < 2) return fallback.brief({ ...request, analysis });

      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: systemMessage(prompt, { maxTakeaways, ...(request.language ? { language: request.language } : {}) }) },
        { role: 'user', content: userMessage(prompt, { articles, passages: selection.passages, analysis, ...(request.topic ? { topic: request.topic } : {}) }) },
      ];
      const refusal = await caller.overBudget(estimateTokens(messages.map((m) => String(m.content)).join('\n')) + MAX_OUTPUT_TOKENS, request.workspace, OFFLINE);
      if (refusal) return offline(request, analysis, refusal);
      if (!breaker.allow()) return offline(request, analysis, OFFLINE.breaker);

      const sources = articles.map((a, i) => verifySource(a, i + 1));
      const limits = { limits: { takeaways: maxTakeaways } };
      const shell = { actors: analysis.actors, ...(analysis.phase ? { phase: analysis.phase } : {}), sources: briefingSources(articles) };
      const asBriefing = (a: BriefingAnswer): Briefing => ({
        headline: a.headline,
        lede: a.lede,
        takeaways: a.takeaways.map((t) => ({ text: t.text, sources: [...new Set(t.sources)].sort((x, y) => x - y) })),
        whyItMatters: a.whyItMatters,
        ...shell,
      });

      let first: BriefingAnswer | undefined;
      let checked;
      let reaskFailed = false;
      try {
        try {
          first = await ask(messages, request);
        } catch (err) {
          // An answer that broke the schema is asked for once more, as one that failed the check would be.
          if (!(err instanceof EngineError && err.kind === 'fall_back' && !request.signal?.aborted)) throw err;
        }
        if (first) checked = verifyBriefing(asBriefing(first), sources, limits);
        if (!first || checked!.failures.length || checked!.briefing.takeaways.length < 3) {
          const problems = first ? describeFailures(checked!.failures) : ['the answer did not match the required JSON schema'];
          if (first && checked!.briefing.takeaways.length < 3) problems.push('write at least 3 takeaways');
          const again: ChatCompletionMessageParam[] = [
            ...messages,
            ...(first ? [{ role: 'assistant' as const, content: JSON.stringify(first) }] : []),
            { role: 'user', content: reviseMessage(prompt, problems) },
          ];
          try {
            const second = await ask(again, request);
            checked = verifyBriefing(asBriefing(second), sources, limits);
          } catch (err) {
            // The re-ask failed: what the first answer grounds is still worth keeping.
            if (!checked) throw err;
            reaskFailed = !(err instanceof EngineError && err.kind === 'fall_back');
          }
        }
        if (reaskFailed) breaker.failure();
        else breaker.success();
      } catch (err) {
        const { error: e, note } = caller.failed(err, callFor(request), OFFLINE);
        opts.log?.warn({ engine: 'openai', model: opts.model, kind: e.kind, reason: e.message }, 'model unavailable: extractive briefing instead');
        return offline(request, analysis, note);
      }

      let result = checked!.briefing;
      if (checked!.failures.length) {
        const extractive = await fallback.brief({ ...request, analysis });
        result = dropFailing(checked!, sources, extractive, limits);
        // The drop leaves only what passes; verify again, as the issue asks of every accepted briefing.
        const again = verifyBriefing(result, sources, limits);
        result = again.failures.length ? { ...again.briefing, takeaways: [] } : again.briefing;
        if (result.takeaways.length < 3) {
          opts.log?.warn({ engine: 'openai', model: opts.model, failures: checked!.failures.length }, 'briefing not grounded: extractive briefing instead');
          return { ...extractive, note: OFFLINE.ungrounded };
        }
      }
      await opts.cache?.put(key, result, { model: opts.model, promptVersion: prompt.version, at: now().toISOString() });
      return result;
    },
  };
}

function callFor(request: BriefingRequest): CallFor {
  return { ...(request.signal ? { signal: request.signal } : {}), ...(request.workspace ? { workspace: request.workspace } : {}) };
}

function verifySource(a: BriefingArticle, n: number): VerifySource {
  return { n, url: a.url, title: a.title, ...(a.outlet ? { outlet: a.outlet } : {}), ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}), text: a.text ?? '' };
}

/** The sources as the extractive engine lists them: every article, numbered in source order. */
function briefingSources(articles: readonly BriefingArticle[]): BriefingSource[] {
  return articles.map((a, i) => ({
    n: i + 1,
    title: a.title?.trim() || a.url,
    ...(a.outlet ? { outlet: a.outlet } : {}),
    url: a.url,
    ...(a.publishedAt ? { publishedAt: a.publishedAt } : {}),
  }));
}

/** hash(story content + prompt version + model + what shapes the answer): an unchanged story hits. */
export function cacheKey(version: string, model: string, articles: readonly BriefingArticle[], request: BriefingRequest, maxTakeaways: number, budget: number): string {
  const content =
    request.cacheKey ??
    articles.map((a) => [a.url, a.title, a.outlet ?? '', a.publishedAt ?? '', createHash('sha256').update(a.text ?? '').digest('hex')]);
  return createHash('sha256')
    .update(JSON.stringify({ version, model, content, topic: request.topic ?? '', language: request.language ?? 'en', maxTakeaways, budget }))
    .digest('hex');
}

// The OpenAI engine (issue 11, ADR 020): a Key Takeaways briefing written by any OpenAI-compatible
// model (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio through a base URL), grounded and
// bounded: the extractive side picks the passages within a token budget, the model must cite them,
// the shared verifier checks every figure, date and name (one re-ask, then failing points dropped),
// and whenever the model cannot do its job (down, slow, over budget, ungrounded) the extractive
// engine writes the briefing instead, saying so. The SDK lives here only: domain code never sees it.
import { createHash } from 'node:crypto';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Briefing, BriefingArticle, BriefingRequest, BriefingSource, Engine, StoryAnalysis } from '../../domain/types.js';
import { EngineError } from '../../domain/errors.js';
import { orderArticles } from '../../brief/order.js';
import { analyzeStory } from '../../brief/story-analysis.js';
import { estimateTokens, selectPassages } from '../../brief/passages.js';
import { describeFailures, dropFailing, verifyBriefing, type VerifySource } from '../../brief/verify.js';
import { createExtractiveEngine } from '../../brief/extractive.js';
import type { BriefingCache, ModelUsage } from '../../store/briefing-cache.js';
import { backoffMs, createCircuitBreaker, retryAfterMs, sleep, type CircuitBreaker } from '../resilience.js';
import { loadPrompt, reviseMessage, systemMessage, userMessage, type PromptTemplate } from './prompt.js';
import { briefingAnswer, type BriefingAnswer } from './schema.js';

export interface OpenAIEngineOptions {
  /** Never logged. A local endpoint may need none: a dummy is sent then. */
  apiKey?: string;
  baseURL?: string;
  model: string;
  temperature?: number;
  /** Per call (each attempt), in ms. */
  timeoutMs: number;
  /** Input tokens per briefing (passages, instructions and all), unless the request says less. */
  maxInputTokens: number;
  /** Tokens (in + out) per UTC day over all calls; no limit when absent. */
  dailyTokens?: number;
  /** Tokens per UTC day for one workspace (guild, Slack team); no limit when absent. */
  workspaceDailyTokens?: number;
  /** Retries after the first attempt, on 408/409/429/5xx, connection errors and timeouts. */
  maxRetries?: number;
  /** First backoff step (doubling, with jitter) when the endpoint gives no Retry-After. */
  backoffMs?: number;
  /** Longest wait we accept between attempts: a longer Retry-After means fall back now. */
  retryCapMs?: number;
  /** Consecutive failed briefings (after retries) that open the circuit, and for how long. */
  breakerThreshold?: number;
  breakerCoolDownMs?: number;
  cache?: BriefingCache;
  usage?: ModelUsage;
  /** Writes the briefing when the model cannot; the extractive engine by default. */
  fallback?: Engine;
  prompt?: PromptTemplate;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
}

/** Why a briefing was written offline, as shown under its headline. */
export const OFFLINE = {
  unavailable: 'written offline: the model was unavailable',
  breaker: 'written offline: the model was unavailable (it failed repeatedly; trying again after a pause)',
  waitTooLong: 'written offline: the model was unavailable (it asked us to wait longer than we do)',
  deadline: 'written offline: the model did not answer in time',
  budget: "written offline: today's model token budget is spent",
  workspaceBudget: "written offline: this workspace's model token budget for today is spent",
  ungrounded: "written offline: the model's briefing could not be checked against its sources",
  badAnswer: "written offline: the model's answer was not a usable briefing",
} as const;

/** Tokens kept back for the instructions and the answer's own framing, beside the passages. */
const PROMPT_OVERHEAD_TOKENS = 450;
/** An answer this long at most (a briefing is a few hundred words). */
const MAX_OUTPUT_TOKENS = 900;

export function createOpenAIEngine(opts: OpenAIEngineOptions): Engine {
  const prompt = opts.prompt ?? loadPrompt();
  const client = new OpenAI({
    // A local endpoint (Ollama, vLLM) takes any key; the SDK refuses to start without one.
    apiKey: opts.apiKey ?? 'no-key',
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    // Our own retries and timeout: the SDK's honour any Retry-After uncapped (platform notes).
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
  const now = opts.now ?? (() => new Date());
  const fallback = opts.fallback ?? createExtractiveEngine();
  const breaker: CircuitBreaker = createCircuitBreaker({ threshold: opts.breakerThreshold ?? 5, coolDownMs: opts.breakerCoolDownMs ?? 60_000, now: () => now().getTime() });
  const maxRetries = opts.maxRetries ?? 2;
  const capMs = opts.retryCapMs ?? 20_000;
  const responseFormat = zodResponseFormat(briefingAnswer, 'briefing');

  /** One model call, with our retries; records its tokens. Throws EngineError. */
  async function ask(messages: ChatCompletionMessageParam[], request: BriefingRequest): Promise<BriefingAnswer> {
    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(opts.timeoutMs), ...(request.signal ? [request.signal] : [])];
      try {
        const completion = await client.chat.completions.parse(
          {
            model: opts.model,
            messages,
            response_format: responseFormat,
            max_completion_tokens: MAX_OUTPUT_TOKENS,
            ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
          },
          { signal: AbortSignal.any(signals), timeout: opts.timeoutMs, maxRetries: 0 },
        );
        const content = completion.choices[0]?.message.content ?? '';
        await record(request, completion.usage?.prompt_tokens ?? estimateTokens(JSON.stringify(messages)), completion.usage?.completion_tokens ?? estimateTokens(content));
        const parsed = completion.choices[0]?.message.parsed;
        if (!parsed) throw new EngineError('fall_back', completion.choices[0]?.message.refusal ? 'the model refused' : 'the model gave no answer');
        return parsed;
      } catch (err) {
        if (err instanceof EngineError) throw err;
        if (request.signal?.aborted) throw new EngineError('fall_back', 'the deadline for this briefing passed');
        const retryable = isRetryable(err);
        if (!retryable) {
          if (err instanceof APIError && err.status !== undefined) throw new EngineError('give_up', `the endpoint refused the request (HTTP ${err.status})`);
          // Not a transport error: the answer did not parse (ZodError, bad JSON, cut off). It still cost tokens.
          await record(request, estimateTokens(JSON.stringify(messages)), 0);
          throw new EngineError('fall_back', `the answer was not a valid briefing (${(err as Error).name})`);
        }
        const asked = err instanceof APIError ? retryAfterMs(err.headers, now().getTime()) : undefined;
        if (asked !== undefined && asked > capMs) throw new EngineError('retry_later', `the endpoint asked to wait ${Math.round(asked / 1000)} s`, asked);
        if (attempt >= maxRetries) throw new EngineError('retry_later', `the endpoint failed ${attempt + 1} times (${describe(err)})`, asked);
        const wait = Math.min(capMs, asked ?? backoffMs(attempt, opts.backoffMs ?? 500));
        try {
          await sleep(wait, request.signal);
        } catch {
          throw new EngineError('fall_back', 'the deadline for this briefing passed');
        }
      }
    }
  }

  async function record(request: BriefingRequest, tokensIn: number, tokensOut: number): Promise<void> {
    await opts.usage?.record({ at: now().toISOString(), model: opts.model, ...(request.workspace ? { workspace: request.workspace } : {}), tokensIn, tokensOut });
  }

  async function offline(request: BriefingRequest, analysis: StoryAnalysis, note: string): Promise<Briefing> {
    return { ...(await fallback.brief({ ...request, analysis })), note };
  }

  /** The budget left says no to a call of about `tokens`: which note to show, or undefined. */
  async function overBudget(request: BriefingRequest, tokens: number): Promise<string | undefined> {
    if (!opts.usage) return undefined;
    const day = now().toISOString().slice(0, 10);
    if (opts.dailyTokens !== undefined && (await opts.usage.tokensOn(day)) + tokens > opts.dailyTokens) return OFFLINE.budget;
    if (request.workspace && opts.workspaceDailyTokens !== undefined && (await opts.usage.tokensOn(day, request.workspace)) + tokens > opts.workspaceDailyTokens) return OFFLINE.workspaceBudget;
    return undefined;
  }

  return {
    name: 'openai',
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
      const refusal = await overBudget(request, estimateTokens(messages.map((m) => String(m.content)).join('\n')) + MAX_OUTPUT_TOKENS);
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
        const e = err instanceof EngineError ? err : new EngineError('retry_later', (err as Error).message);
        // Only the endpoint's failures count: a bad answer or the caller's deadline says nothing about it.
        if (e.kind !== 'fall_back' && !request.signal?.aborted) breaker.failure();
        opts.log?.warn({ engine: 'openai', model: opts.model, kind: e.kind, reason: e.message }, 'model unavailable: extractive briefing instead');
        const note = request.signal?.aborted
          ? OFFLINE.deadline
          : e.kind === 'fall_back'
            ? OFFLINE.badAnswer
            : e.retryAfterMs !== undefined && e.retryAfterMs > capMs
              ? OFFLINE.waitTooLong
              : OFFLINE.unavailable;
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

function isRetryable(err: unknown): boolean {
  if (err instanceof APIConnectionTimeoutError || err instanceof APIConnectionError) return true;
  // Our own per-call timeout aborts the request: the SDK reports a user abort.
  if (err instanceof APIUserAbortError) return true;
  if (err instanceof APIError) {
    const s = err.status;
    return s === undefined || s === 408 || s === 409 || s === 429 || s >= 500;
  }
  return false;
}

function describe(err: unknown): string {
  if (err instanceof APIError && err.status !== undefined) return `HTTP ${err.status}`;
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return 'timed out';
  return (err as Error).name ?? 'error';
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

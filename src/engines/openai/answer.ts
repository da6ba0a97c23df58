// The /actor and /phase summaries of the OpenAI engine (issue 11 item 1, ADR 020): 2-4 sentences
// and up to 4 cited points on top of the computed answer, written from its dated statements as
// numbered, fenced, untrusted passages, through the briefing's model caller (retries, timeout,
// breaker, budgets, usage) and grounded by the shared verifier: failing → asked again once →
// failing points dropped → a summary that still fails is no summary (the computed answer alone,
// with a "written offline" note). Cached by the answer's content, the prompt version and the model.
import { createHash } from 'node:crypto';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AnswerRequest, AnswerSummary, AnswerSummaryResult } from '../../domain/types.js';
import { EngineError } from '../../domain/errors.js';
import { estimateTokens } from '../../brief/passages.js';
import { describeFailures, verifySummary, type SummaryDraft, type VerifiedSummary, type VerifySource } from '../../brief/verify.js';
import { summaryCacheOf, type BriefingCache } from '../../store/briefing-cache.js';
import { OFFLINE, type CallFor, type ModelCaller } from './caller.js';
import { answerUserMessage, loadPrompt, reviseMessage, systemMessage, type PromptTemplate } from './prompt.js';
import { answerSummary, type AnswerSummaryAnswer } from './schema.js';

/** Why an answer has no summary although the model was asked. */
export const ANSWER_OFFLINE = {
  ...OFFLINE,
  ungrounded: "written offline: the model's summary could not be checked against its sources",
  badAnswer: "written offline: the model's answer was not a usable summary",
} as const;

const MAX_POINTS = 4;
/** A summary is short: a few sentences and points. */
const MAX_OUTPUT_TOKENS = 500;
/** Instructions and framing beside the passages. */
const PROMPT_OVERHEAD_TOKENS = 350;

export interface AnswerWriterOptions {
  caller: ModelCaller;
  /** Input tokens per summary (instructions and passages): passages past it are not sent. */
  maxInputTokens: number;
  cache?: BriefingCache;
  prompts?: { actor: PromptTemplate; phase: PromptTemplate };
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
}

export function createAnswerWriter(opts: AnswerWriterOptions): (request: AnswerRequest) => Promise<AnswerSummaryResult> {
  const prompts = opts.prompts ?? { actor: loadPrompt('actor.v1'), phase: loadPrompt('phase.v1') };
  const { caller } = opts;
  const now = opts.now ?? (() => new Date());
  const cache = opts.cache ? summaryCacheOf(opts.cache) : undefined;
  const format = zodResponseFormat(answerSummary, 'answer_summary');

  return async function answer(request: AnswerRequest): Promise<AnswerSummaryResult> {
    const prompt = prompts[request.kind];
    const call: CallFor = { ...(request.signal ? { signal: request.signal } : {}), ...(request.workspace ? { workspace: request.workspace } : {}) };
    // Within the token budget: the answer's passages in its own order (latest and main first).
    const budget = Math.max(150, opts.maxInputTokens - PROMPT_OVERHEAD_TOKENS - estimateTokens(prompt.system + prompt.user));
    const passages: AnswerRequest['passages'] = [];
    let tokens = 0;
    for (const p of request.passages) {
      tokens += estimateTokens(p.label + p.text) + 12;
      if (tokens > budget) break;
      passages.push(p);
    }
    if (!passages.length) return {};
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: systemMessage(prompt, { maxPoints: MAX_POINTS, ...(request.language ? { language: request.language } : {}) }) },
      { role: 'user', content: answerUserMessage(prompt, { subject: request.subject, passages, sources: request.sources }) },
    ];
    const key = createHash('sha256').update(JSON.stringify({ version: prompt.version, model: caller.model, messages })).digest('hex');
    const cached = await cache?.get(key);
    if (cached) return { summary: cached };
    const refusal = await caller.overBudget(estimateTokens(messages.map((m) => String(m.content)).join('\n')) + MAX_OUTPUT_TOKENS, request.workspace, ANSWER_OFFLINE);
    if (refusal) return { note: refusal };
    if (!caller.breaker.allow()) return { note: ANSWER_OFFLINE.breaker };

    const url = new Map(request.sources.map((s) => [s.n, s.url]));
    const outlet = new Map(request.sources.map((s) => [s.n, s.outlet ?? '']));
    // The evidence of a passage is what the model saw of it: the subject, its label, outlets and text.
    const evidence: VerifySource[] = passages.map((p) => ({
      n: p.n,
      url: url.get(p.sources[0]!) ?? '',
      title: request.subject,
      outlet: p.sources.map((n) => outlet.get(n)).join(' '),
      text: `${p.label}: ${p.text}`,
    }));
    const check = (a: AnswerSummaryAnswer): VerifiedSummary => verifySummary(draftOf(a), evidence);

    let checked: VerifiedSummary | undefined;
    let first: AnswerSummaryAnswer | undefined;
    let reaskFailed = false;
    try {
      try {
        first = await caller.ask(messages, format, MAX_OUTPUT_TOKENS, call);
        checked = check(first);
      } catch (err) {
        // An answer that broke the schema is asked for once more, as one that failed the check is.
        if (!(err instanceof EngineError && err.kind === 'fall_back' && !request.signal?.aborted)) throw err;
      }
      if (!checked || checked.failures.length) {
        const problems = checked ? describeFailures(checked.failures) : ['the answer did not match the required JSON schema'];
        const again: ChatCompletionMessageParam[] = [
          ...messages,
          ...(first ? [{ role: 'assistant' as const, content: JSON.stringify(first) }] : []),
          { role: 'user', content: reviseMessage(prompt, problems) },
        ];
        try {
          checked = check(await caller.ask(again, format, MAX_OUTPUT_TOKENS, call));
        } catch (err) {
          // What the first answer grounds is still worth keeping; the endpoint's failure still counts.
          if (!checked) throw err;
          reaskFailed = !(err instanceof EngineError && err.kind === 'fall_back');
        }
      }
      if (reaskFailed) caller.breaker.failure();
      else caller.breaker.success();
    } catch (err) {
      const { error, note } = caller.failed(err, call, ANSWER_OFFLINE);
      opts.log?.warn({ engine: 'openai', model: caller.model, kind: error.kind, reason: error.message }, 'model unavailable: answer without a summary');
      return { note };
    }

    // Failing points dropped; a summary whose own text fails is none. Checked again, to be sure.
    const failing = new Set(checked.failures.filter((f) => f.field === 'point').map((f) => f.index));
    const kept = verifySummary({ text: checked.summary.text, points: checked.summary.points.filter((_p, i) => !failing.has(i)) }, evidence);
    if (kept.failures.length) {
      opts.log?.warn({ engine: 'openai', model: caller.model, failures: checked.failures.length }, 'answer summary not grounded: answer without a summary');
      return { note: ANSWER_OFFLINE.ungrounded };
    }
    const summary = withSources(kept.summary, passages);
    await cache?.put(key, summary, { model: caller.model, promptVersion: prompt.version, at: now().toISOString() });
    return { summary };
  };
}

function draftOf(a: AnswerSummaryAnswer): SummaryDraft {
  return { text: a.summary, points: a.points.map((p) => ({ text: p.text, sources: p.cites })) };
}

/** Points cite passages; shown, they cite the answer's sources those passages come from. */
function withSources(s: SummaryDraft, passages: AnswerRequest['passages']): AnswerSummary {
  const byN = new Map(passages.map((p) => [p.n, p.sources]));
  return {
    text: s.text,
    points: s.points.map((p) => ({ text: p.text, sources: [...new Set(p.sources.flatMap((n) => byN.get(n) ?? []))].sort((x, y) => x - y) })),
  };
}

// One model endpoint as every OpenAI-engine writer uses it (the briefing, the /actor and /phase
// summaries): one client, our own retries capped on Retry-After, a timeout per attempt, one circuit
// breaker, the daily token budgets and the usage record. Structured output only: each call sends a
// strict JSON schema (zodResponseFormat) and gets the parsed answer back. Throws EngineError.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { AutoParseableResponseFormat } from 'openai/lib/parser';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { EngineError } from '../../domain/errors.js';
import { estimateTokens } from '../../brief/passages.js';
import type { ModelUsage } from '../../store/briefing-cache.js';
import { backoffMs, createCircuitBreaker, retryAfterMs, sleep, type CircuitBreaker } from '../resilience.js';

export interface ModelCallerOptions {
  /** Never logged. A local endpoint may need none: a dummy is sent then. */
  apiKey?: string;
  baseURL?: string;
  model: string;
  temperature?: number;
  /** Per call (each attempt), in ms. */
  timeoutMs: number;
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
  /** Consecutive failed answers (after retries) that open the circuit, and for how long. */
  breakerThreshold?: number;
  breakerCoolDownMs?: number;
  usage?: ModelUsage;
  now?: () => Date;
}

/** Who a call is for and until when: its deadline, and the workspace that pays for it. */
export interface CallFor {
  signal?: AbortSignal;
  workspace?: string;
}

/** Why an answer was written offline (or left without a model's summary), as shown with it. */
export interface OfflineNotes {
  unavailable: string;
  breaker: string;
  waitTooLong: string;
  deadline: string;
  budget: string;
  workspaceBudget: string;
  badAnswer: string;
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

export interface ModelCaller {
  readonly model: string;
  readonly breaker: CircuitBreaker;
  /** One model call with our retries; records its tokens. Throws EngineError. */
  ask<T>(messages: ChatCompletionMessageParam[], format: AutoParseableResponseFormat<T>, maxOutputTokens: number, call: CallFor): Promise<T>;
  /** The budget left says no to a call of about `tokens`: which note to show, or undefined. */
  overBudget(tokens: number, workspace: string | undefined, notes: Pick<OfflineNotes, 'budget' | 'workspaceBudget'>): Promise<string | undefined>;
  /** The note for an error `ask` threw (or any other); counts an endpoint failure against the breaker. */
  failed(err: unknown, call: CallFor, notes: OfflineNotes): { error: EngineError; note: string };
}

export function createModelCaller(opts: ModelCallerOptions): ModelCaller {
  const client = new OpenAI({
    // A local endpoint (Ollama, vLLM) takes any key; the SDK refuses to start without one.
    apiKey: opts.apiKey ?? 'no-key',
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    // Our own retries and timeout: the SDK's honour any Retry-After uncapped (platform notes).
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
  const now = opts.now ?? (() => new Date());
  const breaker = createCircuitBreaker({ threshold: opts.breakerThreshold ?? 5, coolDownMs: opts.breakerCoolDownMs ?? 60_000, now: () => now().getTime() });
  const maxRetries = opts.maxRetries ?? 2;
  const capMs = opts.retryCapMs ?? 20_000;

  async function record(call: CallFor, tokensIn: number, tokensOut: number): Promise<void> {
    await opts.usage?.record({ at: now().toISOString(), model: opts.model, ...(call.workspace ? { workspace: call.workspace } : {}), tokensIn, tokensOut });
  }

  return {
    model: opts.model,
    breaker,
    async ask<T>(messages: ChatCompletionMessageParam[], format: AutoParseableResponseFormat<T>, maxOutputTokens: number, call: CallFor): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        const signals = [AbortSignal.timeout(opts.timeoutMs), ...(call.signal ? [call.signal] : [])];
        try {
          const completion = await client.chat.completions.parse(
            {
              model: opts.model,
              messages,
              response_format: format,
              max_completion_tokens: maxOutputTokens,
              ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
            },
            { signal: AbortSignal.any(signals), timeout: opts.timeoutMs, maxRetries: 0 },
          );
          const content = completion.choices[0]?.message.content ?? '';
          await record(call, completion.usage?.prompt_tokens ?? estimateTokens(JSON.stringify(messages)), completion.usage?.completion_tokens ?? estimateTokens(content));
          const parsed = completion.choices[0]?.message.parsed;
          if (!parsed) throw new EngineError('fall_back', completion.choices[0]?.message.refusal ? 'the model refused' : 'the model gave no answer');
          return parsed;
        } catch (err) {
          if (err instanceof EngineError) throw err;
          if (call.signal?.aborted) throw new EngineError('fall_back', 'the deadline for this answer passed');
          if (!isRetryable(err)) {
            if (err instanceof APIError && err.status !== undefined) throw new EngineError('give_up', `the endpoint refused the request (HTTP ${err.status})`);
            // Not a transport error: the answer did not parse (ZodError, bad JSON, cut off). It still cost tokens.
            await record(call, estimateTokens(JSON.stringify(messages)), 0);
            throw new EngineError('fall_back', `the answer did not match the schema (${(err as Error).name})`);
          }
          const asked = err instanceof APIError ? retryAfterMs(err.headers, now().getTime()) : undefined;
          if (asked !== undefined && asked > capMs) throw new EngineError('retry_later', `the endpoint asked to wait ${Math.round(asked / 1000)} s`, asked);
          if (attempt >= maxRetries) throw new EngineError('retry_later', `the endpoint failed ${attempt + 1} times (${describe(err)})`, asked);
          const wait = Math.min(capMs, asked ?? backoffMs(attempt, opts.backoffMs ?? 500));
          try {
            await sleep(wait, call.signal);
          } catch {
            throw new EngineError('fall_back', 'the deadline for this answer passed');
          }
        }
      }
    },
    async overBudget(tokens, workspace, notes) {
      if (!opts.usage) return undefined;
      const day = now().toISOString().slice(0, 10);
      if (opts.dailyTokens !== undefined && (await opts.usage.tokensOn(day)) + tokens > opts.dailyTokens) return notes.budget;
      if (workspace && opts.workspaceDailyTokens !== undefined && (await opts.usage.tokensOn(day, workspace)) + tokens > opts.workspaceDailyTokens) return notes.workspaceBudget;
      return undefined;
    },
    failed(err, call, notes) {
      const error = err instanceof EngineError ? err : new EngineError('retry_later', (err as Error).message);
      // Only the endpoint's failures count: a bad answer or the caller's deadline says nothing about it.
      if (error.kind !== 'fall_back' && !call.signal?.aborted) breaker.failure();
      const note = call.signal?.aborted
        ? notes.deadline
        : error.kind === 'fall_back'
          ? notes.badAnswer
          : error.retryAfterMs !== undefined && error.retryAfterMs > capMs
            ? notes.waitTooLong
            : notes.unavailable;
      return { error, note };
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

// Every job the bot runs, by name, with the schema of its payload: one module, read by whoever
// enqueues and whoever processes (in this process or, in queue mode, another one).
import { z } from 'zod';
import type { JobSpec } from './jobs.js';

/** Ingest the global sources once. */
export const INGEST_JOB = { name: 'ingest', payload: z.object({}).strict() } satisfies JobSpec;

/** Find the channels whose digest is due and enqueue a delivery for each. */
export const DIGEST_TICK_JOB = { name: 'digest-tick', payload: z.object({}).strict() } satisfies JobSpec;

/** Deliver one channel's digest of one local date (idempotency key: its delivery key). */
export const DELIVER_DIGEST_JOB = {
  name: 'deliver-digest',
  payload: z
    .object({
      platform: z.enum(['discord', 'slack', 'console']),
      workspaceId: z.string().min(1).max(100),
      channelId: z.string().min(1).max(100),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
    .strict(),
} satisfies JobSpec;

/** Post new stories to the channels that follow them, and updates in their threads (ADR 021). */
export const STORY_POSTS_JOB = { name: 'story-posts', payload: z.object({}).strict() } satisfies JobSpec;

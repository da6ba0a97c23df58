// The briefing's output schema, defined once, sent to the model as a strict JSON schema
// (structured outputs via zodResponseFormat) and used by the SDK to parse the answer. The model
// writes prose and citations only: actors and phase come from the story analysis, sources from
// the articles. Counts and lengths are checked by the verifier, not the schema: strict mode
// accepts no minItems/maxLength on every endpoint.
import { z } from 'zod';

export const briefingAnswer = z.object({
  headline: z.string(),
  lede: z.string(),
  takeaways: z.array(
    z.object({
      text: z.string(),
      /** Source numbers n the point is taken from. */
      sources: z.array(z.number().int()),
    }),
  ),
  whyItMatters: z.string(),
});

export type BriefingAnswer = z.infer<typeof briefingAnswer>;

/**
 * The /actor and /phase summary (prompts/actor.v1.md, phase.v1.md): 2-4 sentences on top of the
 * computed answer and up to 4 points, each citing the numbered passages it is taken from. Counts
 * and lengths are the verifier's, as above.
 */
export const answerSummary = z.object({
  summary: z.string(),
  points: z.array(
    z.object({
      text: z.string(),
      /** Passage numbers n the point is taken from. */
      cites: z.array(z.number().int()),
    }),
  ),
});

export type AnswerSummaryAnswer = z.infer<typeof answerSummary>;

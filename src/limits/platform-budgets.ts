// The platforms' budgets for the bot's own posts (ADR 021), where both the per-process pacers and
// the shared ones (ADR 024) read them, without loading a platform's client library.

/** Discord's global limit per bot is 50 a second; one under it, so that clock drift costs no 429. */
export const DISCORD_REQUESTS_PER_SECOND = 49;

/** Slack's chat.postMessage: about one message a second per channel; a tenth over for the round trip's jitter. */
export const SLACK_MESSAGE_INTERVAL_MS = 1_100;

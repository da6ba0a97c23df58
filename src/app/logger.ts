// Structured logs to stderr (stdout is for briefings). Secrets are redacted wherever they appear
// under a known key, so a token passed around in an object never reaches the log.
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  '*.token', '*.apiKey', '*.api_key', '*.secret', '*.password', '*.authorization', '*.Authorization',
  'config.DISCORD_TOKEN', 'config.SLACK_BOT_TOKEN', 'config.SLACK_SIGNING_SECRET', 'config.OPENAI_API_KEY', 'config.REDIS_URL',
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination as pino.DestinationStream);
}

// `newsbrief bot` as a user runs it (bin/newsbrief.js, compiled by the global setup): the Slack bot
// from the environment, answering a signed slash command on NEWSBRIEF_HTTP_PORT, stopped by
// SIGTERM; its logs never show the token or the signing secret.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gazaDb } from '../queries/fixture-db.js';
import { expectValidBlockKit } from './block-kit-check.js';
import { slackSignature, startLocalSlack, type LocalSlack } from './local-slack.js';

const bin = join(resolve(import.meta.dirname, '../..'), 'bin', 'newsbrief.js');
const TOKEN = 'xoxb-secret-token-123';
const SECRET = 'cli-signing-secret-456';
let dir: string;
let db: string;
let slack: LocalSlack;

beforeAll(async () => {
  const g = await gazaDb();
  dir = g.dir;
  db = g.path;
  slack = await startLocalSlack();
}, 60_000);
afterAll(async () => {
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

it('runs the Slack bot from the environment in HTTP mode and stops on SIGTERM', async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NEWSBRIEF_DB: db, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, NEWSBRIEF_HTTP_PORT: String(port), SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'debug' };
  delete env.SLACK_APP_TOKEN;
  const child = spawn(process.execPath, [bin, 'bot'], { env, cwd: dir });
  let err = '';
  let out = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
  try {
    await slack.waitFor(() => err.includes('Slack bot running'), 20_000);
    expect(err).toContain(`HTTP on port ${port}, path /slack/events`);
    const body = new URLSearchParams({ command: '/news', text: 'stories --limit 2', team_id: 'T1', channel_id: 'C9', user_id: 'U1', response_url: `http://127.0.0.1:${slack.port}/respond/cli1`, trigger_id: 't' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) },
      body,
    });
    expect(res.status).toBe(200);
    const a = await slack.waitFor(() => slack.responses.find((r) => r.path === '/respond/cli1'));
    expect(a.body.response_type).toBe('in_channel');
    expectValidBlockKit(a.body);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(err + out).not.toContain(TOKEN);
  expect(err + out).not.toContain(SECRET);
}, 60_000);

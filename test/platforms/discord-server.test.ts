// The local Discord server speaks enough of the protocol for the real discord.js Client: it logs
// in through GET /gateway/bot and the gateway, receives a dispatched interaction and answers it.
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordServer, interactionPayload, type DiscordServer } from '../../src/platforms/discord/local-server.js';

let server: DiscordServer;
let client: Client;

beforeAll(async () => {
  server = await startDiscordServer();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: server.api } });
  const ready = new Promise<void>((r) => client.once('clientReady', () => r()));
  await client.login('test-token-1');
  await ready;
});
afterAll(async () => {
  await client?.destroy();
  await server?.close();
});

describe('local Discord server', () => {
  it('lets the real client log in and answer an interaction', async () => {
    expect(server.identifiedToken()).toBe('test-token-1');
    expect(server.requests.some((r) => r.path === '/gateway/bot' && r.headers.authorization === 'Bot test-token-1')).toBe(true);
    client.once('interactionCreate', async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: 'pong', allowedMentions: { parse: [] } });
    });
    const p = interactionPayload(server.applicationId, { name: 'ping' });
    const since = Date.now();
    server.dispatch('INTERACTION_CREATE', p);
    const cb = await server.waitFor((r) => r.path === `/interactions/${p.id}/${p.token}/callback`, 5000, since);
    expect(cb.body).toMatchObject({ type: 4, data: { content: 'pong', allowed_mentions: { parse: [] } } });
    expect(cb.headers.authorization).toBeUndefined();
  });
});

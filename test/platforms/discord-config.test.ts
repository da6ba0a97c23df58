// The Discord settings in the one config schema: optional, checked, reported together.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { inviteUrl, discordCommands } from '../../src/platforms/discord/commands.js';
import { startDiscordFromConfig } from '../../src/platforms/discord/index.js';
import { openServices } from '../../src/app/compose.js';

describe('Discord configuration', () => {
  it('is optional, and read when given', () => {
    const none = loadConfig({});
    expect(none.DISCORD_TOKEN).toBeUndefined();
    const c = loadConfig({ DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '800000000000000001', DISCORD_API_BASE: 'http://127.0.0.1:9/api' });
    expect(c).toMatchObject({ DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '800000000000000001', DISCORD_API_BASE: 'http://127.0.0.1:9/api' });
  });

  it('starts no bot when Discord is not configured', async () => {
    const svc = await openServices(loadConfig({ NEWSBRIEF_DB: ':memory:' }));
    try {
      expect(await startDiscordFromConfig(loadConfig({}), svc)).toBeUndefined();
      expect(await startDiscordFromConfig(loadConfig({ DISCORD_TOKEN: 'x' }), svc)).toBeUndefined();
    } finally {
      await svc.close();
    }
  });

  it('reports a bad application id and API root together', () => {
    try {
      loadConfig({ DISCORD_APPLICATION_ID: 'my-bot', DISCORD_API_BASE: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toHaveLength(2);
      expect((err as ConfigError).message).toContain('DISCORD_APPLICATION_ID="my-bot": expected a Discord application id');
    }
  });

  it('invites with exactly the scopes bot and applications.commands', () => {
    expect(inviteUrl('800000000000000001')).toBe('https://discord.com/oauth2/authorize?client_id=800000000000000001&scope=bot%20applications.commands&permissions=19456');
    // Discord's rules for command definitions: names, option order, descriptions.
    for (const c of discordCommands()) {
      if (c.type !== 1) continue;
      expect(c.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(c.description.length).toBeLessThanOrEqual(100);
      const opts = c.options ?? [];
      expect(opts.length).toBeLessThanOrEqual(25);
      const firstOptional = opts.findIndex((o) => !('required' in o && o.required));
      if (firstOptional >= 0) expect(opts.slice(firstOptional).every((o) => !('required' in o && o.required))).toBe(true);
      for (const o of opts) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

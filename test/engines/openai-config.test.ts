// The OpenAI engine's configuration: defaults, the key-or-endpoint rule, and makeEngine.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { makeEngine } from '../../src/app/compose.js';

describe('OpenAI configuration', () => {
  it('has defaults for everything but the key and the endpoint', () => {
    const c = loadConfig({ NEWSBRIEF_ENGINE: 'openai', OPENAI_API_KEY: 'sk-x' });
    expect(c.OPENAI_MODEL).toBe('gpt-4o-mini');
    expect(c.OPENAI_TIMEOUT_MS).toBe(30_000);
    expect(c.OPENAI_RETRY_CAP_MS).toBe(20_000);
    expect(c.OPENAI_MAX_INPUT_TOKENS).toBe(1_500);
    expect(c.OPENAI_DAILY_TOKENS).toBe(1_000_000);
    expect(c.OPENAI_WORKSPACE_DAILY_TOKENS).toBe(200_000);
    expect(makeEngine(c).name).toBe('openai');
    expect(makeEngine(loadConfig({})).name).toBe('extractive');
  });

  it('needs a key or a base URL (a local endpoint may need no key)', () => {
    expect(() => loadConfig({ NEWSBRIEF_ENGINE: 'openai' })).toThrow(ConfigError);
    expect(loadConfig({ NEWSBRIEF_ENGINE: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).OPENAI_API_KEY).toBeUndefined();
    // Extractive needs neither.
    expect(loadConfig({ NEWSBRIEF_ENGINE: 'extractive' }).NEWSBRIEF_ENGINE).toBe('extractive');
  });

  it('checks every number and hides a key in its messages', () => {
    try {
      loadConfig({ OPENAI_TEMPERATURE: '3', OPENAI_TIMEOUT_MS: 'soon', OPENAI_BASE_URL: 'not a url', OPENAI_API_KEY: ' ' });
      expect.unreachable();
    } catch (err) {
      const msg = (err as ConfigError).message;
      expect(msg).toContain('OPENAI_TEMPERATURE="3"');
      expect(msg).toContain('OPENAI_TIMEOUT_MS="soon"');
      expect(msg).toContain('OPENAI_BASE_URL="not a url"');
    }
  });
});

// Lua scripts on Redis for the shared limits (ADR 024): run by EVALSHA, loaded by EVAL the first
// time a server has not seen them (a fresh or restarted Redis). The client is described by the two
// calls used, so these modules never import ioredis: only shared-limits.ts loads it, dynamically.
import { createHash } from 'node:crypto';

/** What the limits need of a Redis client (ioredis's Redis has both). */
export interface RedisScripting {
  evalsha(sha: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export type RedisScript = (keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

export function redisScript(redis: RedisScripting, lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!/NOSCRIPT/.test((err as Error)?.message ?? '')) throw err;
      return redis.eval(lua, keys.length, ...keys, ...args);
    }
  };
}

/** Redis's own clock, in microseconds (one clock for every process, whatever machine it runs on). */
export const LUA_NOW_US = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])`;

/** Lua numbers are doubles and tostring keeps 14 digits: microsecond times need all 16. */
export const LUA_FMT = `local function fmt(n) return string.format('%.0f', n) end`;

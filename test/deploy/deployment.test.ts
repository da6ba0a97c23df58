// The deployment files, checked without a Docker engine (ADR 024): compose.yaml read as YAML
// (services, scale-safe workers, Redis's flags, named volumes, health-gated start) and compared
// with PyYAML's reading where python3 has it; the Dockerfile's base image, stages and command.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../support/mini-yaml.js';

const root = resolve(import.meta.dirname, '../..');
const composeText = readFileSync(resolve(root, 'compose.yaml'), 'utf8');
type Service = Record<string, any>;
const compose = parseYaml(composeText) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('compose.yaml', () => {
  it('reads the same as a full YAML parser (where python3 has PyYAML)', () => {
    let viaPython: string;
    try {
      viaPython = execFileSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: composeText, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return; // no python3 or no PyYAML: the mini reader alone
    }
    expect(compose).toEqual(JSON.parse(viaPython));
  });

  it('has postgres, redis, worker and bot, the data on named volumes', () => {
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['bot', 'postgres', 'redis', 'worker']);
    expect(s.postgres!.image).toMatch(/^postgres:17\b/);
    expect(s.redis!.image).toMatch(/^redis:7\b/);
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata']);
    expect(s.postgres!.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(s.redis!.volumes).toEqual(['redisdata:/data']);
    expect(s.postgres!.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(s.redis!.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
  });

  it('keeps Redis durable and never evicting: AOF on, maxmemory-policy noeviction', () => {
    const cmd = (compose.services.redis!.command as string[]).join(' ');
    expect(cmd).toMatch(/^redis-server\b/);
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('workers scale (no container_name, no published port) and start once the stores are healthy', () => {
    const w = compose.services.worker!;
    expect(w.container_name).toBeUndefined();
    expect(w.ports).toBeUndefined();
    expect(w.build).toBe('.');
    expect(w.command).toEqual(['node', 'bin/newsbrief.js', 'worker']);
    for (const name of ['worker', 'bot']) {
      const svc = compose.services[name]!;
      expect(svc.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(svc.environment.DATABASE_URL).toMatch(/^postgres:\/\/newsbrief:.+@postgres:5432\/newsbrief$/);
      expect(svc.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(svc.env_file).toEqual([{ path: '.env', required: false }]);
    }
  });

  it('the bot publishes the HTTP port (/healthz, /metrics, Slack events)', () => {
    const b = compose.services.bot!;
    expect(b.command).toEqual(['node', 'bin/newsbrief.js', 'bot']);
    expect(b.ports).toEqual(['3000:3000']);
    expect(b.container_name).toBeUndefined();
  });

  it('the mini reader refuses what it does not understand', () => {
    expect(() => parseYaml('a: &x 1\nb: *x\n')).toThrow(/unsupported/);
    expect(() => parseYaml('a: 1\na: 2\n')).toThrow(/duplicate/);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
  const froms = [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!);

  it('is built on Node 22 or 24 (bookworm-slim), in stages', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms.filter((f) => f.startsWith('node:'))) expect(f).toMatch(/^node:(22|24)-bookworm-slim$/);
    expect(froms.at(-1)).toMatch(/^node:(22|24)-bookworm-slim$/);
  });

  it('runs as a non-root user, production dependencies only, the embedded bot by default, with a healthcheck', () => {
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^CMD \[.*"dist\/main\.js"\]$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    for (const dir of ['dist', 'prompts', 'examples', 'bin']) expect(text).toMatch(new RegExp(`^COPY .*\\b${dir}\\b`, 'm'));
  });

  it('package.json still accepts Node 20.18.1 and later', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.18.1');
  });

  it('.dockerignore keeps secrets and local state out of the build context', () => {
    const ignored = readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const p of ['.env', 'node_modules', 'dist', '.git', 'data']) expect(ignored).toContain(p);
  });
});

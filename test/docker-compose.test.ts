import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentSchema, loadConfig } from '../src/config.ts';

interface ComposeService {
  profiles?: string[];
  stop_grace_period?: string;
  image?: string;
  build?: { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target?: number; published?: number | string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(readFileSync(new URL('../docker/compose.yaml', import.meta.url), 'utf8'), {
  merge: true,
}) as ComposeFile;
const dockerfile = readFileSync(new URL('../docker/Dockerfile', import.meta.url), 'utf8');

function service(name: string): ComposeService {
  const s = compose.services[name];
  if (!s) throw new Error(`compose.yaml has no service ${name}`);
  return s;
}

/** A service's environment as the strings the container sees (map or `KEY=value` list form). */
function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => {
        const i = line.indexOf('=');
        return [i === -1 ? line : line.slice(0, i), i === -1 ? '' : line.slice(i + 1)] as const;
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)] as const);
  return Object.fromEntries(entries);
}

function commandOf(name: string): string {
  const command = service(name).command;
  return Array.isArray(command) ? command.join(' ') : (command ?? '');
}

/** The published (host) and container ports of a service's only port mapping. */
function portMapping(name: string): { published: number; target: number } {
  const ports = service(name).ports ?? [];
  expect(ports).toHaveLength(1);
  const port = ports[0]!;
  if (typeof port === 'string') {
    // "[ip:]host:container[/proto]"
    const parts = port.replace(/\/(tcp|udp)$/, '').split(':');
    return { published: Number(parts.at(-2)), target: Number(parts.at(-1)) };
  }
  return { published: Number(port.published), target: Number(port.target) };
}

describe('docker/compose.yaml', () => {
  it('defines postgres, redis, api and worker, and a second API and worker in the replicas profile', () => {
    const always = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    expect(always.map(([name]) => name).sort()).toEqual(['api', 'postgres', 'redis', 'worker']);
    expect(service('api-2').profiles).toEqual(['replicas']);
    expect(service('worker-2').profiles).toEqual(['replicas']);
  });

  it('runs the replicas like the first API and worker, on the same database, Redis and signing key', () => {
    expect(environmentOf('api-2')).toEqual(environmentOf('api'));
    expect(environmentOf('worker-2')).toEqual(environmentOf('worker'));
    expect(environmentOf('api-2').JWT_SECRET).toContain('JWT_SECRET');
    expect(service('api-2').image).toBe(service('api').image);
    expect(commandOf('worker-2')).toBe(commandOf('worker'));
    // Both APIs listen on 4000 inside their containers; on the host, 4000 and 4001.
    expect(portMapping('api-2')).toEqual({ published: 4001, target: 4000 });
    expect(Object.keys(service('api-2').depends_on ?? {})).toContain('api');
  });

  it('gives every API and worker more time to stop than SHUTDOWN_TIMEOUT_MS', () => {
    const shutdownMs = loadConfig(environmentOf('api')).shutdownTimeoutMs;
    for (const name of ['api', 'worker', 'api-2', 'worker-2']) {
      const grace = service(name).stop_grace_period ?? '10s';
      expect(Number.parseInt(grace, 10) * 1000, `${name} stop_grace_period`).toBeGreaterThan(shutdownMs);
    }
  });

  it('runs postgres 16 and redis 7 configured for BullMQ', () => {
    expect(service('postgres').image).toMatch(/^postgres:16(\b|$)/);
    expect(service('redis').image).toMatch(/^redis:7(\b|$)/);
    const redisCommand = commandOf('redis');
    expect(redisCommand).toContain('noeviction');
    expect(redisCommand).toContain('--appendonly yes');
  });

  it('gives every service a healthcheck', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.healthcheck?.test, `${name} healthcheck`).toBeTruthy();
      expect(s.healthcheck?.disable, `${name} healthcheck disabled`).not.toBe(true);
    }
    expect(JSON.stringify(service('api').healthcheck?.test)).toContain('/healthz');
  });

  it('builds api and worker from docker/Dockerfile; the worker runs src/worker.ts', () => {
    for (const name of ['api', 'worker', 'api-2', 'worker-2']) {
      expect(service(name).build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
    expect(service('worker').image).toBe(service('api').image);
    expect(commandOf('worker')).toBe('node --import tsx src/worker.ts');
  });

  it('starts api and worker only after healthy postgres and redis', () => {
    for (const name of ['api', 'worker', 'api-2', 'worker-2']) {
      const dependsOn = service(name).depends_on;
      expect(Array.isArray(dependsOn), `${name} depends_on uses conditions`).toBe(false);
      const conditions = dependsOn as Record<string, { condition?: string }>;
      expect(conditions.postgres?.condition).toBe('service_healthy');
      expect(conditions.redis?.condition).toBe('service_healthy');
    }
    expect(Object.keys(service('worker').depends_on ?? {})).toContain('api');
  });

  it('sets only variables that src/config.ts reads on api and worker', () => {
    const known = Object.keys(environmentSchema.shape);
    for (const name of ['api', 'worker', 'api-2', 'worker-2']) {
      const keys = Object.keys(environmentOf(name));
      expect(keys.length, `${name} environment`).toBeGreaterThan(0);
      for (const key of keys) expect(known, `${name} sets ${key}`).toContain(key);
    }
  });

  it('gives the api a valid production config listening on the mapped container port', () => {
    const config = loadConfig(environmentOf('api'));
    const { published, target } = portMapping('api');
    expect(config.env).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.database.kind).toBe('postgres');
    expect(config.redisUrl).toMatch(/^redis:\/\/redis:6379/);
    expect(config.port).toBe(target);
    expect(published).toBe(Number(environmentOf('api').PORT));
  });

  it('gives the worker a valid config against the same postgres and redis', () => {
    const api = loadConfig(environmentOf('api'));
    const worker = loadConfig(environmentOf('worker'));
    expect(worker.database).toEqual(api.database);
    expect(worker.redisUrl).toBe(api.redisUrl);
    expect(worker.env).toBe('production');
  });
});

describe('docker/Dockerfile', () => {
  const instructions = dockerfile.split('\n').map((line) => line.trim());

  it('is multi-stage, production-only and unprivileged', () => {
    expect(instructions.filter((line) => /^FROM\s/i.test(line)).length).toBeGreaterThanOrEqual(2);
    expect(instructions).toContain('USER node');
    expect(dockerfile).toContain('--omit=dev');
  });

  it('runs on node:20-bookworm-slim with the tsx entry point and a /healthz healthcheck', () => {
    const froms = instructions.filter((line) => /^FROM\s/i.test(line));
    expect(froms.at(-1)).toMatch(/^FROM node:20-bookworm-slim\b/);
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/main.ts"]');
    expect(instructions.some((line) => line.startsWith('HEALTHCHECK'))).toBe(true);
    expect(dockerfile).toContain('http://127.0.0.1:4000/healthz');
  });

  it('builds the web console in its own stage and serves it from the runtime image', () => {
    expect(dockerfile).toContain('RUN npm run build:web');
    expect(instructions).toContain('COPY --chown=node:node --from=console /app/web/dist ./web/dist');
  });
});

/**
 * `npm start` as a newcomer meets it: the entry point in a child process, with the environment
 * alone. Failures must end with one line naming the cause and a non-zero exit code.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seededCases } from './support/seeded-cases.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'icsr-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(env: Record<string, string>, untilReady = false): Promise<Run & { child: ChildProcess }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (untilReady && stdout.includes('is ready at')) resolve({ code: null, stdout, stderr, child });
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr, child }));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

// Each test starts the real entry point (PGlite initdb, migrations, seed): generous time on a busy machine.
describe('npm start', { timeout: 120_000 }, () => {
  it('serves on the embedded database, and a second start reuses the data', async () => {
    const dataDir = path.join(work, 'reuse');
    const port = String(await freePort());
    const first = await start({ DATA_DIR: dataDir, PORT: port }, true);
    expect(first.stdout).toContain(`http://127.0.0.1:${port}/graphql`);
    expect(first.stdout).toContain('officer@icsr.example');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await stop(first.child)).toBe(0);

    const second = await start({ DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'info' }, true);
    const graphql = async (query: string, headers: Record<string, string> = {}) =>
      (
        await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query }),
        })
      ).json();
    // The README's way in: sign in as a demo account, then send the access token.
    const signIn = await graphql(
      'mutation { login(input: { email: "officer@icsr.example", password: "Review-Demo-2026!" }) { ... on Session { accessToken } } }',
    );
    const token = signIn.data.login.accessToken as string;
    expect(await graphql('{ cases { totalCount } }', { authorization: `Bearer ${token}` })).toEqual({
      data: { cases: { totalCount: seededCases.length } },
    });
    expect(await stop(second.child)).toBe(0);
    expect(second.stdout).not.toContain('demo data seeded');
  });

  it('stops with one line naming a bad variable', async () => {
    const run = await start({ DATABASE_URL: 'not-a-url', PORT: 'x' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/DATABASE_URL/);
    expect(run.stderr).toMatch(/PORT/);
  });

  it('stops with one line when PostgreSQL does not answer', async () => {
    const run = await start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/none` });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/PostgreSQL at DATABASE_URL failed: .*ECONNREFUSED/);
  });

  it('stops with one line when the data directory is not writable', async () => {
    // A folder below a regular file cannot be created, even by root (which ignores file modes).
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await start({ DATA_DIR: path.join(file, 'data') });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/data directory .* is not writable \(ENOTDIR\)/);
  });

  it('stops with one line when the port is in use', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = await start({ DATA_DIR: path.join(work, 'port'), PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    } finally {
      blocker.close();
    }
  });
});

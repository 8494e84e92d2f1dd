/**
 * Starts the product exactly as a newcomer does (`npm start`: tsx src/main.ts) on a random free
 * port with a new DATA_DIR and no DATABASE_URL/REDIS_URL, builds the console first if web/dist is
 * missing, and hands the URL to the tests; stops it afterwards.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export const root = path.resolve(import.meta.dirname, '../../..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export interface RunningServer {
  readonly url: string;
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** `npm start` on a fresh embedded database; resolves once /healthz answers. */
export async function startProduct(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(path.join(root, 'web/dist/index.html'))) {
    execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  }
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'icsr-e2e-'));
  // The embedded default unless the caller names a database (the queue benchmark does).
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.REDIS_URL;
  delete inherited.TEST_DATABASE_URL;
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Every journey's people sign in from 127.0.0.1: the per-address limits (30 sign-ins per 15
    // minutes, 600 requests a minute) are for the world, not for a suite of a dozen journeys.
    LOGIN_ATTEMPTS_PER_IP: '10000',
    REQUESTS_PER_MINUTE: '100000',
    ...env,
  };
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`npm start not ready after 90 s:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const readyMs = Date.now() - started;
  return {
    url,
    readyMs,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const server = await startProduct();
  process.stdout.write(`e2e: npm start ready at ${server.url} after ${server.readyMs} ms\n`);
  project.provide('baseUrl', server.url);
  return () => server.stop();
}

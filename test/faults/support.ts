/**
 * What the fault suite shares: the real entry points (`src/main.ts`, `src/worker.ts`) in child
 * processes, a private PostgreSQL cluster and a private redis-server to stop and start, a webhook
 * receiver and an SMTP sink that count deliveries by delivery id, a steady stream of transitions
 * through the API, and the row each test adds to RELIABILITY.md. Every fault is injected here, on
 * loopback, against servers of the test's own (never the machine's shared PostgreSQL or Redis).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { organizations } from '../../db/schema/organizations.ts';
import { type DatabaseHandle, openPostgres, selectRows } from '../../src/database/database.ts';
import { createWebhookEndpoint } from '../../src/domain/notifications/webhook-endpoints.ts';
import { deliveryIdHeader } from '../../src/domain/notifications/webhook-signature.ts';
import { personActor } from '../../src/domain/people/person-actor.ts';
import { demoSeedSteps } from '../../src/seed/demo-data.ts';
import { runSeedSteps } from '../../src/seed/seed-runner.ts';
import { eventually } from '../jobs/support.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { adminUrl, databaseUrl } from '../support/postgres-admin.ts';
import { bearerFor } from '../support/sign-in.ts';
import type { TestDatabase } from '../support/test-database.ts';

export { eventually, privateRedis } from '../jobs/support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The test servers' signing key as JWT_SECRET, so `bearerFor` tokens are accepted by the children. */
export const jwtSecret = 'test-signing-key-of-at-least-32-bytes!';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One row of RELIABILITY.md (scripts/test-faults.ts writes the table from these). */
export interface ReliabilityRow {
  readonly fault: string;
  readonly injected: string;
  readonly checked: string;
  readonly sent: number;
  readonly committed: number;
  readonly delivered: number | null;
  readonly duplicated: number;
  readonly lost: number;
  readonly figures: string;
  /** 'pass', or what a measured target missed (the row's checks themselves passed). */
  readonly result: string;
}

export function report(row: ReliabilityRow): void {
  const file = process.env.FAULTS_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A child process running one of the entry points, with its output kept for assertions. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  output(): string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Sends SIGTERM and resolves with the exit and how long it took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
  kill(): Promise<void>;
}

export function spawnEntry(name: string, entry: 'src/main.ts' | 'src/worker.ts', env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SEED_DEMO_DATA: 'false',
      JWT_SECRET: jwtSecret,
      WORKER_METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    name,
    process: child,
    output: () => output,
    exit,
    running: () => child.exitCode === null && child.signalCode === null,
    terminate: async () => {
      const started = Date.now();
      child.kill('SIGTERM');
      const { code } = await exit;
      return { code, ms: Date.now() - started };
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exit;
    },
  };
}

export interface ApiProcess extends Child {
  readonly url: string;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } }>;
  ready(): Promise<{ status: number; body: { status: string } }>;
}

/** `npm start` in a child process on a free port; resolves once /healthz answers. */
export async function startApi(name: string, env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  // The faults are the subject here, not the per-IP request limit: a stream of retries from one
  // address would otherwise meet 429s (test/api/transport.test.ts covers the limit).
  const child = spawnEntry(name, 'src/main.ts', { PORT: String(port), REQUESTS_PER_MINUTE: '100000', ...env });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (!child.running()) throw new Error(`${name} exited during start:\n${child.output().slice(-3000)}`);
    return fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  }, 60_000).catch(async (error: Error) => {
    await child.kill(); // never left running untracked
    throw error;
  });
  return {
    ...child,
    url,
    graphql: async (query, variables, headers) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: never;
      try {
        body = JSON.parse(text) as never;
      } catch {
        body = { errors: [{ message: text, extensions: { code: `HTTP_${response.status}` } }] } as never;
      }
      return { status: response.status, body };
    },
    ready: async () => {
      const response = await fetch(`${url}/readyz`);
      return { status: response.status, body: (await response.json()) as { status: string } };
    },
  };
}

/** `npm run worker` in a child process; resolves once it logged that it is ready. */
export async function startWorker(name: string, env: Record<string, string>): Promise<Child> {
  const child = spawnEntry(name, 'src/worker.ts', env);
  await eventually(async () => {
    if (!child.running()) throw new Error(`${name} exited during start:\n${child.output().slice(-3000)}`);
    return child.output().includes('worker ready');
  }, 60_000).catch(async (error: Error) => {
    await child.kill(); // never left running untracked
    throw new Error(`${error.message}: ${name} did not start:\n${child.output().slice(-3000)}`);
  });
  return child;
}

/**
 * A redis-server of the test's own with an append-only file, as production runs it (docker/compose.yaml):
 * stopping it (SIGTERM) and starting it again on the same port keeps the queued jobs.
 */
export interface PersistentRedis {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function persistentRedis(): Promise<PersistentRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'icsr-redis-'));
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const answers = async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const handle: PersistentRedis = {
    url,
    start: async () => {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--maxmemory-policy',
          'noeviction',
        ],
        { stdio: 'ignore' },
      );
      await eventually(answers, 15_000);
    },
    stop: async () => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
    destroy: async () => {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}

/** The URL of a test database on the shared server (TEST_DATABASE_URL). */
export async function urlOf(database: TestDatabase): Promise<string> {
  const [row] = await selectRows<{ name: string }>(database.db, sql`select current_database() as name`);
  return databaseUrl(process.env.TEST_DATABASE_URL!, row!.name);
}

/** Ends every connection of the processes named `applicationName`… or, without it, all but ours. */
export async function terminateBackends(database: DatabaseHandle): Promise<number> {
  const rows = await selectRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from (
          select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
        ) t`,
  );
  return rows[0]!.n;
}

/** A PostgreSQL 15 cluster of the test's own, in a temp directory on a free port, to stop and restart. */
export interface PrivatePostgres {
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const pgBin = '/usr/lib/postgresql/15/bin';

export async function privatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'icsr-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  // initdb and the server refuse to run as root: as root, run them as the postgres user.
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(pgBin, command), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(pgBin, command), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/icsr`,
    start: async () => {
      run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
    },
    stop: async () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    },
    destroy: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  const admin = openPostgres(adminUrl(handle.url), { max: 1 });
  await admin.db.execute(sql`create database icsr`);
  await admin.close();
  const database = openPostgres(handle.url, { max: 2 });
  await database.migrate();
  await runSeedSteps(database.db, demoSeedSteps, SEED_INSTANT);
  await database.close();
  return handle;
}

/** Counts what an HTTP receiver and an SMTP sink got, by delivery id. */
export interface DeliverySinks {
  readonly webhookUrl: string;
  readonly smtpUrl: string;
  /** Delivery ids received, with how often. */
  readonly webhooks: Map<string, number>;
  readonly mails: Map<string, number>;
  duplicates(): number;
  close(): Promise<void>;
}

/** `webhookDelayMs`: the receiver answers this late, so deliveries are in flight when a fault hits. */
export async function deliverySinks(options: { webhookDelayMs?: number } = {}): Promise<DeliverySinks> {
  const webhooks = new Map<string, number>();
  const mails = new Map<string, number>();
  const count = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);
  const receiver: Server = createServer((req, res) => {
    // A worker killed mid-request resets its sockets; that is the fault under test, not an error here.
    req.on('error', () => {});
    res.on('error', () => {});
    req.resume();
    req.on('end', () => {
      const id = req.headers[deliveryIdHeader.toLowerCase()];
      if (typeof id === 'string') count(webhooks, id);
      setTimeout(() => res.writeHead(200).end('ok'), options.webhookDelayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('error', () => {});
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        const id = new RegExp(`^${deliveryIdHeader}: *(\\S+)`, 'im').exec(raw)?.[1];
        if (id) count(mails, id);
        callback();
      });
    },
  });
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    webhooks,
    mails,
    duplicates: () => [...webhooks.values(), ...mails.values()].reduce((sum, times) => sum + Math.max(0, times - 1), 0),
    close: async () => {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

/** Registers the receiver as Huaxin's webhook endpoint (Huaxin is the party of every stream case). */
export async function registerWebhook(database: DatabaseHandle, url: string): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [huaxin] = await tx.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    const admin = await personActor(tx, 'admin@icsr.example');
    await createWebhookEndpoint(tx, admin, { organizationId: huaxin!.id, url }, new Date());
  });
}

const openCaseMutation = `mutation($input: OpenCaseInput!) {
  openCase(input: $input) { __typename ... on CaseChanged { case { id reference } } ... on Error { message } }
}`;

/** The outcome of one transition as the client saw it. */
export type Answer = 'committed' | 'unavailable' | 'shutting_down' | 'network' | 'other';

/**
 * A steady stream of transitions (`openCase`, ex officio, Huaxin as the subject): one at a time per
 * lane, each retried with the same idempotency key until it is acknowledged, as a client that must
 * not lose a filing would. `titlePrefix` marks the stream's cases.
 */
export class TransitionStream {
  readonly answers = new Map<Answer, number>();
  acknowledged = 0;
  sent = 0;
  /** Answers that were neither a success nor a typed, retryable refusal (the defect this suite hunts). */
  readonly unexpected: string[] = [];
  private stopped = false;
  private lanes: Promise<void>[] = [];

  constructor(
    private readonly apis: () => readonly ApiProcess[],
    private readonly headers: Record<string, string>,
    private readonly huaxinId: string,
    readonly titlePrefix = `stream-${randomUUID().slice(0, 8)}`,
  ) {}

  static async create(database: DatabaseHandle, apis: () => readonly ApiProcess[]) {
    const headers = await bearerFor(database as TestDatabase, 'officer@icsr.example');
    const [huaxin] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    return new TransitionStream(apis, headers, encodeGlobalID('Organization', huaxin!.id));
  }

  private count(answer: Answer) {
    this.answers.set(answer, (this.answers.get(answer) ?? 0) + 1);
  }

  /** Sends one transition until acknowledged (or the stream stops and `giveUp`). */
  async one(n: number): Promise<string | null> {
    const key = `${this.titlePrefix}-${n}`;
    this.sent += 1;
    for (let attempt = 0; ; attempt++) {
      const apis = this.apis();
      const api = apis[(n + attempt) % apis.length]!;
      const answer = await api
        .graphql<{ openCase: { __typename: string; case?: { id: string } } }>(
          openCaseMutation,
          {
            input: {
              title: key,
              subject: 'RELOCATION',
              parties: [{ organizationId: this.huaxinId, role: 'SUBJECT' }],
              idempotencyKey: key,
            },
          },
          this.headers,
        )
        .then(
          ({ status, body }) => {
            if (body.data?.openCase?.__typename === 'CaseChanged') return { kind: 'committed' as const, body };
            const code = body.errors?.[0]?.extensions?.code;
            if (status === 503 && code === 'SERVICE_UNAVAILABLE') return { kind: 'unavailable' as const, body };
            if (status === 503 && code === 'SHUTTING_DOWN') return { kind: 'shutting_down' as const, body };
            return { kind: 'other' as const, body, status };
          },
          (error: Error) => ({ kind: 'network' as const, error }),
        );
      this.count(answer.kind);
      if (answer.kind === 'committed') {
        this.acknowledged += 1;
        return answer.body.data!.openCase.case!.id;
      }
      if (answer.kind === 'other') this.unexpected.push(JSON.stringify(answer).slice(0, 500));
      if (this.stopped && attempt > 200) return null;
      await sleep(answer.kind === 'network' ? 200 : 250);
    }
  }

  /** Starts `lanes` parallel senders, each `everyMs` apart. */
  start(lanes = 2, everyMs = 100): void {
    let next = 0;
    this.lanes = Array.from({ length: lanes }, async () => {
      while (!this.stopped) {
        await this.one(next++);
        await sleep(everyMs);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.lanes);
  }
}

/** What the database holds for a stream: its cases and the state of their notices and deliveries. */
export async function streamOutcome(database: DatabaseHandle, titlePrefix: string) {
  const [row] = await selectRows<{
    cases: number;
    distinct_titles: number;
    notices_pending: number;
    notifications: number;
    deliveries: number;
    deliveries_sent: number;
    dead: number;
  }>(
    database.db,
    sql`with c as (select id, title from cases where title like ${`${titlePrefix}-%`}),
         o as (select * from outbox where case_id in (select id from c))
        select (select count(*)::int from c) as cases,
               (select count(distinct title)::int from c) as distinct_titles,
               (select count(*)::int from o where status not in ('DONE')) as notices_pending,
               (select count(*)::int from o where status = 'DEAD') as dead,
               (select count(*)::int from notifications n where n.source_outbox_id in (select id from o)) as notifications,
               (select count(*)::int from notification_deliveries d
                  where d.source_outbox_id in (select id from o)) as deliveries,
               (select count(*)::int from notification_deliveries d
                  where d.source_outbox_id in (select id from o) and d.status = 'DELIVERED') as deliveries_sent`,
  );
  return row!;
}

/**
 * What the sinks got for a stream's deliveries: `received` deliveries (by delivery id), `duplicated`
 * notices that reached a recipient under two delivery ids (the defect), and `resent` deliveries the
 * sink got twice under the same id (at least once: in flight when a worker died; the receiver drops
 * the repeat by X-ICSR-Delivery-Id, as README says).
 */
export async function matchDeliveries(database: DatabaseHandle, titlePrefix: string, sinks: DeliverySinks) {
  const ids = await streamDeliveryIds(database, titlePrefix);
  const sink = (channel: string) => (channel === 'EMAIL' ? sinks.mails : sinks.webhooks);
  const received = ids.filter((d) => sink(d.channel).has(d.delivery_id));
  const perNotice = new Map<string, number>();
  for (const d of received) perNotice.set(d.notice, (perNotice.get(d.notice) ?? 0) + 1);
  return {
    deliveries: ids.length,
    received: received.length,
    duplicated: [...perNotice.values()].reduce((sum, n) => sum + n - 1, 0),
    resent: received.reduce((sum, d) => sum + (sink(d.channel).get(d.delivery_id) ?? 0) - 1, 0),
  };
}

/** Delivery ids of the stream's e-mail and webhook deliveries (to match with what the sinks got). */
export async function streamDeliveryIds(database: DatabaseHandle, titlePrefix: string) {
  return selectRows<{ delivery_id: string; channel: string; status: string; notice: string }>(
    database.db,
    sql`select d.delivery_id, d.channel, d.status, d.source_outbox_id || '/' || d.channel || '/' || d.recipient as notice
        from notification_deliveries d
        join outbox o on o.id = d.source_outbox_id
        join cases c on c.id = o.case_id where c.title like ${`${titlePrefix}-%`}`,
  );
}

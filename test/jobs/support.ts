/**
 * What the job tests share: a controllable clock, the seeded cases put into the states a scenario
 * needs (test setup, written directly), actors for seeded people, and a private redis-server for
 * tests that stop or flush Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { cases } from '../../db/schema/cases.ts';
import { clocks, regimes } from '../../db/schema/clocks.ts';
import { conditions, decisions } from '../../db/schema/decisions.ts';
import { notifications, outbox } from '../../db/schema/messaging.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { loadTestSettings } from '../../src/config.ts';
import { selectRows } from '../../src/database/database.ts';
import { authenticateRequest } from '../../src/domain/auth/authenticate.ts';
import { startClock } from '../../src/domain/clock/start-clock.ts';
import { stopClock } from '../../src/domain/clock/stop-clock.ts';
import { requestConsultations } from '../../src/domain/consultations/consultations.ts';
import type { JobContext } from '../../src/domain/jobs/job-handler.ts';
import { createLogger } from '../../src/logger.ts';
import type { PersonActor } from '../../vocabulary/actor.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { testSigningKey } from '../support/test-server.ts';

export const silentLogger = createLogger({ logLevel: 'silent' });

/** A clock source the test moves by hand. */
export function controllableClock(start: Date = SEED_INSTANT) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at: Date) {
      current = new Date(at);
    },
  };
}

/** One millisecond after `at`: a point in time is reached once it has passed. */
export const justAfter = (at: Date) => new Date(at.getTime() + 1);

export function jobContext(database: TestDatabase, now: () => Date): JobContext {
  return { db: database.db, logger: silentLogger, now };
}

export async function actorFor(database: TestDatabase, email: string, at = SEED_INSTANT): Promise<PersonActor> {
  const bearer = await bearerFor(database, email, at);
  const signedIn = await authenticateRequest(database.db, testSigningKey, bearer.authorization, at);
  return signedIn!.actor as PersonActor;
}

export async function caseByReference(database: TestDatabase, reference: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.reference, reference));
  return row!;
}

export async function runningClock(database: TestDatabase, ownerId: string) {
  const [row] = await database.db
    .select()
    .from(clocks)
    .where(and(eq(clocks.ownerId, ownerId), isNull(clocks.stoppedAt)));
  return row!;
}

export async function clockRow(database: TestDatabase, id: string) {
  const [row] = await database.db.select().from(clocks).where(eq(clocks.id, id));
  return row!;
}

/** The seeded cut-off case (CN_CSR, in screening, with a lead reviewer) and its running clock. */
export const CUTOFF = 'ICSR-2026-000002';
export const ACQUISITION = 'ICSR-2026-000003';

/** Notices the outbox holds for a case with `template`. */
export async function notices(database: TestDatabase, caseId: string, template: string) {
  return selectRows<{ id: string; payload: Record<string, unknown>; status: string }>(
    database.db,
    sql`select id, payload, status from outbox where topic = 'notify' and case_id = ${caseId}
        and payload->>'template' = ${template} order by created_at`,
  );
}

export async function auditActions(database: TestDatabase, caseId: string): Promise<string[]> {
  const rows = await selectRows<{ action: string }>(
    database.db,
    sql`select action from audit_entries where case_id = ${caseId} order by sequence`,
  );
  return rows.map((r) => r.action);
}

/**
 * TEST SETUP: puts case `reference` in REVIEW (written directly) under regime `regimeCode` and
 * consults MIIT through the domain, which starts the consultation's clock. @returns the consultation.
 */
export async function consultMiit(database: TestDatabase, reference: string, regimeCode: string, at: Date) {
  const caseRow = await caseByReference(database, reference);
  const [regime] = await database.db.select().from(regimes).where(eq(regimes.code, regimeCode));
  await database.db.update(cases).set({ state: 'REVIEW', regimeId: regime!.id }).where(eq(cases.id, caseRow.id));
  const [miit] = await database.db.select().from(organizations).where(eq(organizations.code, 'MIIT'));
  const officer = await actorFor(database, 'officer@icsr.example', at);
  const fresh = await caseByReference(database, reference);
  const { consultations } = await database.db.transaction((tx) =>
    requestConsultations(
      tx,
      officer,
      { caseId: fresh.id, expectedVersion: fresh.version, departmentIds: [miit!.id], question: 'Any objection?' },
      at,
    ),
  );
  return consultations.find((c) => c.departmentId === miit!.id)!;
}

/**
 * TEST SETUP: the case was decided with a condition (decision and condition written directly);
 * its phase clock stops and the appeal window's clock starts at `at`, through the clock verbs.
 */
export async function decidedWithCondition(database: TestDatabase, reference: string, at: Date) {
  const caseRow = await caseByReference(database, reference);
  const [officer] = await database.db.select().from(people).where(eq(people.email, 'officer@icsr.example'));
  const [lead] = await database.db.select().from(people).where(eq(people.email, 'lead@icsr.example'));
  const [owner] = await database.db.select().from(organizations).where(eq(organizations.kind, 'FIRM')).limit(1);
  await database.db.transaction(async (tx) => {
    if (caseRow.currentClockId) await stopClock(tx, { clockId: caseRow.currentClockId, at });
    const [decision] = await tx
      .insert(decisions)
      .values({
        caseId: caseRow.id,
        state: 'APPROVED',
        outcome: 'CLEARED_WITH_CONDITIONS',
        reasons: 'Cleared if the line keeps its process development at home.',
        noticeText: 'Cleared with conditions.',
        proposedById: officer!.id,
        proposedAt: at,
        approvedById: lead!.id,
        approvedAt: at,
      })
      .returning();
    await tx.insert(conditions).values({
      caseId: caseRow.id,
      decisionId: decision!.id,
      description: 'Process development stays at home.',
      ownerOrganizationId: owner!.id,
    });
    await tx.update(cases).set({ state: 'DECIDED', decidedAt: at }).where(eq(cases.id, caseRow.id));
    await startClock(tx, {
      caseId: caseRow.id,
      ownerKind: 'CASE',
      ownerId: caseRow.id,
      phase: 'APPEAL_WINDOW',
      startedAt: at,
    });
  });
  return caseByReference(database, reference);
}

export async function inboxOf(database: TestDatabase, email: string, kind?: string) {
  const [person] = await database.db.select().from(people).where(eq(people.email, email));
  const rows = await database.db.select().from(notifications).where(eq(notifications.personId, person!.id));
  return kind ? rows.filter((n) => n.kind === kind) : rows;
}

export async function outboxRow(database: TestDatabase, id: string) {
  const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

/** Resolves when `check` holds, polling; fails after `timeoutMs` (for work done by real queues). */
export async function eventually<T>(
  check: () => Promise<T | false | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of the test's own, on a free port, without persistence: stop and flush it at will. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  flush(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const ping = async () => {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await client.connect();
      await client.ping();
      return true;
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const handle: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    start: async () => {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await eventually(ping, 10_000);
    },
    stop: async () => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    flush: async () => {
      const client = new Redis({ port, host: '127.0.0.1' });
      await client.flushall();
      client.disconnect();
    },
  };
  await handle.start();
  return handle;
}

/** The suite's Redis (REDIS_URL, as CI has), or a private one when it is not set; tests keep to their own key prefix. */
export async function testRedis(): Promise<{ url: string; close(): Promise<void> }> {
  const shared = loadTestSettings(process.env).redisUrl;
  if (shared) return { url: shared, close: async () => {} };
  const own = await privateRedis();
  return { url: own.url, close: () => own.stop() };
}

/** A key prefix of the test's own, so tests sharing one Redis never see each other's jobs. */
export const testPrefix = () => `icsr-test-${randomUUID().slice(0, 8)}`;

/** Shortened BullMQ timings: a killed worker's job is taken over within seconds. */
export const fastLocks = { lockDurationMs: 2_000, stalledIntervalMs: 1_000 } as const;

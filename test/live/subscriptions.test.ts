/**
 * Live updates over server-sent events: a party subscribed to its case sees the officer's
 * transition (as the timeline shows it outside the office) but never a consultation; a liaison whose
 * department was not consulted is refused the case; the inbox subscription receives the new
 * notification. The outbox rows the transactions wrote are run through the handlers directly, as
 * the job runtime would; with REDIS_URL the events go through Redis.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { outbox } from '../../db/schema/messaging.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { loadTestSettings } from '../../src/config.ts';
import type { JobContext, JobHandlers } from '../../src/domain/jobs/job-handler.ts';
import { createNotificationHandlers } from '../../src/domain/notifications/handlers.ts';
import { createLiveEvents, type LiveChannels, type LiveEvents } from '../../src/live/live-events.ts';
import { createLogger } from '../../src/logger.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type EventStream, openEventStream } from './event-stream.ts';

const MON = new Date('2026-11-23T02:00:00.000Z');
const settings = loadTestSettings(process.env);
const logger = createLogger({ logLevel: 'silent' });

let database: TestDatabase;
let live: LiveEvents;
let server: TestServer;
let handlers: JobHandlers;
let relocationId: string;
const streams: EventStream[] = [];

/** Runs every pending outbox row of these topics through its handler, oldest first. */
async function runOutbox(topics: string[]) {
  const context: JobContext = { db: database.db, logger, now: () => MON };
  const rows = await database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'PENDING'), inArray(outbox.topic, topics)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  // Every row here has the same instant: case events go in the order of their audit entries.
  const entry = (row: (typeof rows)[number]) => Number((row.payload as { auditEntryId?: string }).auditEntryId ?? 0);
  rows.sort((a, b) => entry(a) - entry(b));
  for (const row of rows) {
    await handlers[row.topic]!(context, {
      outboxId: row.id,
      topic: row.topic,
      payload: row.payload as Record<string, unknown>,
      caseId: row.caseId,
    });
    await database.db.update(outbox).set({ status: 'DONE' }).where(eq(outbox.id, row.id));
  }
}

async function subscribe(email: string, query: string, variables: Record<string, unknown> = {}) {
  const stream = await openEventStream(server.url, query, variables, await bearerFor(database, email, MON));
  streams.push(stream);
  return stream;
}

/** Waits (on a condition, not a clock) until `n` subscriptions listen on the channel. */
async function listening(routingKey: keyof LiveChannels, id: string, n: number) {
  for (let i = 0; i < 500 && (await live.listeners(routingKey, id)) < n; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await live.listeners(routingKey, id)).toBeGreaterThanOrEqual(n);
}

const caseEvents = /* GraphQL */ `
  subscription($caseId: ID!) { caseEvents(caseId: $caseId) { action resultingState actorKind reason } }`;
const inbox = /* GraphQL */ `subscription { inbox { id kind title caseId read } }`;

async function act(email: string, query: string, variables: Record<string, unknown>) {
  const result = await server.graphql(query, variables, await bearerFor(database, email, MON));
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, { __typename: string; to?: string; case?: { version: number } }>;
}

const caseAction = (field: string) => /* GraphQL */ `
  mutation($input: CaseActionInput!) {
    ${field}(input: $input) { __typename ... on CaseTransitioned { to case { version } } ... on Error { message } }
  }`;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  live = createLiveEvents({ redisUrl: settings.redisUrl, logger });
  server = await startTestServer(database, { deps: { live, now: () => MON } });
  handlers = createNotificationHandlers({ mailer: null, mailFrom: 'icsr@localhost', publicUrl: server.url, live });
  const [relocation] = await database.db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.title, 'Relocation of the advanced packaging line to Bac Ninh, Vietnam'));
  relocationId = relocation!.id;
  // The seed's own outbox rows are not this test's events.
  await database.db.update(outbox).set({ status: 'DONE' });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await server?.close();
  await live?.close();
  await database?.close();
});

describe('caseEvents and inbox over SSE', () => {
  it('sends a party the transition another client made, the inbox its notice, and a stranger nothing', async () => {
    const caseId = encodeGlobalID('Case', relocationId);
    const party = await subscribe('rep@huaxin.example', caseEvents, { caseId });
    const officer = await subscribe('officer@icsr.example', caseEvents, { caseId });
    const partyInbox = await subscribe('rep@huaxin.example', inbox);
    const stranger = await subscribe('liaison@miit.example', caseEvents, { caseId });
    await listening('case-events', relocationId, 2);

    // The liaison's department is not consulted: the case reads as not found, and the stream ends.
    const refused = await stranger.next();
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await stranger.next()).toEqual({ done: true });

    const [row] = await database.db.select().from(cases).where(eq(cases.id, relocationId));
    const accepted = await act('officer@icsr.example', caseAction('acceptFiling'), {
      input: { caseId, expectedVersion: row!.version, reason: 'Complete filing.' },
    });
    expect(accepted.acceptFiling!.to).toBe('SCREENING');
    const classified = await act(
      'officer@icsr.example',
      /* GraphQL */ `mutation($input: ClassifyCaseInput!) {
        classifyCase(input: $input) { __typename ... on CaseClassified { case { version } } ... on Error { message } }
      }`,
      {
        input: {
          caseId,
          expectedVersion: accepted.acceptFiling!.case!.version,
          securityType: 'CAPABILITY_DESTRUCTION',
          keyDimension: 'INDUSTRY_TRANSFER',
          capabilities: ['MANUFACTURING'],
          maturity: 'MATURE',
          strategy: 'DEFENCE',
          subStrategy: 'MOTHER_FACTORY',
          reason: 'Relocation of a packaging line; process development stays at home.',
        },
      },
    );
    expect(classified.classifyCase!.__typename).toBe('CaseClassified');
    const started = await act('officer@icsr.example', caseAction('startReview'), {
      input: { caseId, expectedVersion: classified.classifyCase!.case!.version },
    });
    expect(started.startReview!.to).toBe('REVIEW');

    await runOutbox(['case.event']);
    // Outside the office: the state changes, without the actor or the written reason.
    expect((await party.next()).data).toEqual({
      caseEvents: { action: 'case.accept', resultingState: 'SCREENING', actorKind: null, reason: null },
    });
    expect((await party.next()).data?.caseEvents).toMatchObject({ resultingState: 'REVIEW' });
    // The office reads the whole trail.
    expect((await officer.next()).data?.caseEvents).toMatchObject({
      action: 'case.accept',
      actorKind: 'PERSON',
      reason: 'Complete filing.',
    });

    await listening('inbox', await personIdOf('rep@huaxin.example'), 1);
    await runOutbox(['notify']);
    // The filer hears of the acceptance, and as a party of the start of the review.
    const notices = [(await partyInbox.next()).data?.inbox, (await partyInbox.next()).data?.inbox] as {
      kind: string;
      title: string;
    }[];
    expect(notices.map((n) => n.kind).sort()).toEqual(['case.accepted', 'case.review-started']);
    const acceptance = notices.find((n) => n.kind === 'case.accepted');
    expect(acceptance).toMatchObject({ read: false, caseId });
    expect(acceptance!.title).toMatch(/: Case accepted$/);
  });

  it('never shows a firm a consultation on its case, only the next change of state', async () => {
    const caseId = encodeGlobalID('Case', relocationId);
    const party = await subscribe('rep@huaxin.example', caseEvents, { caseId });
    const consulted = await subscribe('officer@icsr.example', caseEvents, { caseId });
    await listening('case-events', relocationId, 2);
    const [miit] = await database.db.select().from(organizations).where(eq(organizations.code, 'MIIT'));
    const [before] = await database.db.select().from(cases).where(eq(cases.id, relocationId));
    const requested = await server.graphql(
      /* GraphQL */ `mutation($input: RequestConsultationsInput!) {
        requestConsultations(input: $input) { __typename ... on Error { message } }
      }`,
      {
        input: {
          caseId,
          expectedVersion: before!.version,
          departmentIds: [encodeGlobalID('Organization', miit!.id)],
          question: 'Does the relocation touch a key technology?',
        },
      },
      await bearerFor(database, 'officer@icsr.example', MON),
    );
    expect(requested.errors).toBeUndefined();
    expect((requested.data as Record<string, { __typename: string }>).requestConsultations!.__typename).toBe(
      'ConsultationsRequested',
    );
    const [row] = await database.db.select().from(cases).where(eq(cases.id, relocationId));
    const extended = await act('officer@icsr.example', caseAction('extendPhase'), {
      input: { caseId, expectedVersion: row!.version, reason: 'More time for the consultation.' },
    });
    expect(extended.extendPhase!.__typename).toBe('CaseTransitioned');

    await runOutbox(['case.event']);
    expect((await consulted.next()).data?.caseEvents).toMatchObject({
      action: expect.stringMatching(/^consultation\./),
    });
    // The firm's next event is the extension: the consultation in between was never sent to it.
    expect((await party.next()).data?.caseEvents).toMatchObject({
      action: 'case.extend_phase',
      resultingState: 'REVIEW',
    });
  });
});

async function personIdOf(email: string) {
  const person = await database.db.query.people.findFirst({ where: { email } });
  return person!.id;
}

/** Runs every row of the authorisation matrix through the GraphQL API, as the persona it names. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { desc, eq } from 'drizzle-orm';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/audit.ts';
import { calendars, regimes } from '../../db/schema/clocks.ts';
import { chainNodes, industryChains } from '../../db/schema/knowledge.ts';
import { notifications, outbox } from '../../db/schema/messaging.ts';
import { consultations, informationRequests } from '../../db/schema/work-items.ts';
import { appendAuditEntry, caseChain } from '../../src/domain/audit/append-audit-entry.ts';
import { schema } from '../../src/graphql/schema.ts';
import { createLiveEvents, type LiveEvents } from '../../src/live/live-events.ts';
import { createLogger } from '../../src/logger.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { roles } from '../../vocabulary/terms.ts';
import { cnCsrRegime } from '../../workflows/regimes/cn-csr.ts';
import { prepareDecisionTargets } from '../decisions/matrix-targets.ts';
import { prepareWorkItemTargets } from '../documents/matrix-targets.ts';
import {
  knowledgeKinds,
  knowledgePayloads,
  prepareKnowledgeTargets,
  tryKnowledgeChange,
} from '../knowledge/matrix-targets.ts';
import { openEventStream } from '../live/event-stream.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type AuthorizationFixture, type CaseKey, caseTitles, prepareAuthorizationFixture } from './fixtures.ts';
import {
  deadJobMatrix,
  guardedFields,
  type InboxRow,
  inboxMatrix,
  type Kind,
  type LiveRow,
  liveMatrix,
  type MatrixRow,
  matrix,
  type PersonaKey,
  personas,
} from './matrix.ts';

let database: TestDatabase;
let server: TestServer;
let fixture: AuthorizationFixture;
let referenceIds: Record<string, string>;
let live: LiveEvents;
const headers = {} as Record<PersonaKey, Record<string, string>>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  fixture = await prepareAuthorizationFixture(database);
  live = createLiveEvents({ logger: createLogger({ logLevel: 'silent' }) });
  // Hundreds of requests in a minute: above the per-IP limit this suite does not test.
  server = await startTestServer(database, { env: { REQUESTS_PER_MINUTE: '100000' }, deps: { live } });
  for (const [key, persona] of Object.entries(personas) as [PersonaKey, { email: string }][]) {
    headers[key] = await bearerFor(database, persona.email);
  }
  const [regime] = await database.db.select().from(regimes).where(eq(regimes.code, 'CN_CSR'));
  const [chain] = await database.db.select().from(industryChains).where(eq(industryChains.code, 'IC'));
  const [node] = await database.db.select().from(chainNodes).where(eq(chainNodes.code, 'PHOTORESIST'));
  const [calendar] = await database.db.select().from(calendars).where(eq(calendars.code, 'CN'));
  referenceIds = { CN_CSR: regime!.id, IC: chain!.id, PHOTORESIST: node!.id, CN: calendar!.id };
  Object.assign(referenceIds, await prepareWorkItemTargets(database, fixture));
  Object.assign(referenceIds, await prepareDecisionTargets(database, fixture));
  Object.assign(referenceIds, await prepareConsultationTargets(database, fixture));
  Object.assign(referenceIds, await prepareKnowledgeTargets(database));
});
afterAll(async () => {
  await server?.close();
  await live?.close();
  await database?.destroy();
});

/**
 * The consultation and information-request targets beyond the fixture's MIIT consultations: NDRC
 * responded and CAC still asked on ACQUISITION (neither department has a persona, so no case's
 * visibility changes), and requests for information to a party of ACQUISITION and of CUTOFF.
 */
async function prepareConsultationTargets(db: TestDatabase, f: AuthorizationFixture) {
  const orgs = f.organizationIds;
  const officer = f.personIds['officer@icsr.example']!;
  const asked = { question: 'Strategic value?', requestedById: officer };
  const [ndrc, cac] = await db.db
    .insert(consultations)
    .values([
      {
        caseId: f.caseIds.ACQUISITION,
        departmentId: orgs.NDRC!,
        ...asked,
        state: 'RESPONDED',
        opinion: 'CONCUR',
        rationale: 'No objection.',
        respondedAt: new Date('2026-11-20T03:00:00Z'),
      },
      { caseId: f.caseIds.ACQUISITION, departmentId: orgs.CAC!, ...asked },
    ])
    .returning();
  const existing = await db.db.select().from(consultations).where(eq(consultations.departmentId, orgs.MIIT!));
  const requests = await db.db
    .insert(informationRequests)
    .values(
      (
        [
          ['MERIDIAN-CAP', 'ACQUISITION'],
          ['HUAXIN-IC', 'CUTOFF'],
        ] as const
      ).map(([code, key]) => ({
        caseId: f.caseIds[key],
        addressedToOrganizationId: orgs[code]!,
        questions: 'Ownership structure?',
        pausesPhaseClock: true,
        requestedById: officer,
      })),
    )
    .returning();
  return {
    'consultation:MIIT@ACQUISITION': existing.find((c) => c.caseId === f.caseIds.ACQUISITION)!.id,
    'consultation:MIIT@CUTOFF': existing.find((c) => c.caseId === f.caseIds.CUTOFF)!.id,
    'consultation:NDRC-RESPONDED@ACQUISITION': ndrc!.id,
    'consultation:CAC-REQUESTED@ACQUISITION': cac!.id,
    'information-request:MERIDIAN-CAP@ACQUISITION': requests[0]!.id,
    'information-request:HUAXIN-IC@CUTOFF': requests[1]!.id,
  };
}

function targetId(row: MatrixRow): string {
  switch (row.kind) {
    case 'Case':
      return fixture.caseIds[row.target as CaseKey];
    case 'Organization':
      return fixture.organizationIds[row.target]!;
    case 'Person':
      return fixture.personIds[row.target === 'self' ? personas[row.persona].email : row.target]!;
    case 'ServiceAccount':
      return fixture.serviceAccountId;
    default:
      return referenceIds[row.target]!;
  }
}

/** A field row may name a scalar inside a guarded object field, e.g. `metrics.supplierCount`. */
const selectionOf = (path: string): string => {
  const [head, ...rest] = path.split('.');
  return rest.length > 0 ? `${head} { ${selectionOf(rest.join('.'))} }` : head!;
};

async function readNode(row: MatrixRow) {
  const selection = row.field ? `... on ${row.kind} { ${selectionOf(row.field)} }` : '';
  const result = await server.graphql<{ node: Record<string, unknown> | null }>(
    `query($id: ID!) { node(id: $id) { __typename ${selection} } }`,
    { id: encodeGlobalID(row.kind, targetId(row)) },
    headers[row.persona],
  );
  expect(result.errors).toBeUndefined();
  return result.data!.node;
}

/** Lists must agree with single reads: the object is listed exactly when it is readable. */
async function listed(row: MatrixRow): Promise<boolean | null> {
  const lists: Partial<Record<Kind, string>> = {
    Case: '{ list: cases(first: 100) { totalCount nodes { id } } }',
    ServiceAccount: '{ list: serviceAccounts(first: 100) { totalCount nodes { id } } }',
    Person: '{ list: people(first: 100) { totalCount nodes { id } } }',
    Regime: '{ list: regimes(first: 100) { totalCount nodes { id } } }',
    Calendar: '{ list: calendars(first: 100) { totalCount nodes { id } } }',
  };
  const query = lists[row.kind];
  if (!query) return null;
  const result = await server.graphql<{ list: { totalCount: number; nodes: { id: string }[] } }>(
    query,
    {},
    headers[row.persona],
  );
  expect(result.errors).toBeUndefined();
  const { totalCount, nodes } = result.data!.list;
  expect(totalCount).toBe(nodes.length);
  return nodes.some((n) => n.id === encodeGlobalID(row.kind, targetId(row)));
}

let created = 0;
async function create(row: MatrixRow) {
  if (knowledgeKinds.includes(row.kind)) {
    return tryKnowledgeChange(row, server, headers[row.persona], database, referenceIds);
  }
  if (row.kind === 'Calendar') {
    // TEST DATA: an empty schedule for a far year, so an allowed load changes no deadline.
    const result = await server.graphql<{ loadCalendarYear: { __typename: string } }>(
      `mutation($input: LoadCalendarYearInput!) { loadCalendarYear(input: $input) { __typename } }`,
      {
        input: {
          calendarCode: row.target,
          year: 2090,
          source: 'TEST DATA (authorisation matrix), not an official schedule',
          holidays: [],
          makeupWorkdays: [],
          replace: true,
        },
      },
      headers[row.persona],
    );
    expect(result.errors).toBeUndefined();
    return result.data!.loadCalendarYear.__typename;
  }
  if (row.kind === 'Regime') {
    const { code: _code, version: _version, ...definition } = cnCsrRegime;
    const result = await server.graphql<{ publishRegimeVersion: { __typename: string } }>(
      `mutation($input: PublishRegimeVersionInput!) { publishRegimeVersion(input: $input) { __typename } }`,
      { input: { code: row.target, definition: JSON.stringify(definition) } },
      headers[row.persona],
    );
    expect(result.errors).toBeUndefined();
    return result.data!.publishRegimeVersion.__typename;
  }
  const organizationId = encodeGlobalID('Organization', fixture.organizationIds[row.target]!);
  if (row.kind === 'Person') {
    created += 1;
    const role = { NDRC: 'LIAISON', MIIT: 'LIAISON', MOFCOM: 'LIAISON', CIIE: 'ASSESSOR', ICRS: 'ASSESSOR' }[
      row.target
    ];
    const result = await server.graphql<{ invitePerson: { __typename: string } }>(
      `mutation($input: InvitePersonInput!) { invitePerson(input: $input) { __typename } }`,
      {
        input: {
          organizationId,
          email: `matrix-${created}@example.org`,
          displayName: `Matrix person ${created}`,
          roles: [role ?? 'FIRM_REPRESENTATIVE'],
        },
      },
      headers[row.persona],
    );
    expect(result.errors).toBeUndefined();
    return result.data!.invitePerson.__typename;
  }
  const result = await server.graphql<{ createServiceAccount: { __typename: string } }>(
    `mutation($input: CreateServiceAccountInput!) { createServiceAccount(input: $input) { __typename } }`,
    { input: { organizationId, name: `Matrix system ${++created}`, roles: ['LIAISON'] } },
    headers[row.persona],
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createServiceAccount.__typename;
}

describe('the authorisation matrix', () => {
  it.each(matrix.map((row) => [describeRow(row), row] as const))('%s', async (_name, row) => {
    if (row.action !== 'read') {
      const typename = await create(row);
      const payload: Partial<Record<Kind, string>> = {
        Person: 'Invitation',
        ServiceAccount: 'ServiceAccountCreated',
        Calendar: 'CalendarYearLoaded',
        Regime: 'Regime',
        ...knowledgePayloads,
      };
      expect(typename).toBe(row.expected === 'allow' ? payload[row.kind] : 'Forbidden');
      return;
    }
    const node = await readNode(row);
    if (row.field) {
      // A field row is about an object the persona sees: the field reads as its value, or as null.
      expect(node, 'the object itself must be visible in a field row').not.toBeNull();
      const guarded = row.field.split('.')[0]!;
      if (row.expected === 'allow') expect(node![guarded]).not.toBeNull();
      else expect(node![guarded]).toBeNull();
      return;
    }
    expect(node !== null).toBe(row.expected === 'allow');
    const inList = await listed(row);
    if (inList !== null) expect(inList).toBe(row.expected === 'allow');
  });
});

describe('live case events', () => {
  const sentinels = {} as Record<'ACQUISITION' | 'CUTOFF', string>;
  const targets = {} as Record<LiveRow['target'], string>;

  beforeAll(async () => {
    // Entries as the engines write them: a state change, a consultation, a risk classification; and
    // per case a last state change every reader sees, after which nothing more can arrive.
    // An entry about a work item names it (the timeline omits entries about objects one may not read).
    const append = (
      key: 'ACQUISITION' | 'CUTOFF',
      action: string,
      entityKind: string,
      after: unknown,
      entityId = fixture.caseIds[key],
    ) =>
      database.db.transaction(async (tx) => {
        const caseId = fixture.caseIds[key];
        await appendAuditEntry(tx, systemActor('matrix'), {
          chain: caseChain(caseId),
          caseId,
          action,
          entityKind,
          entityId,
          after,
          occurredAt: new Date(),
        });
        const [entry] = await tx
          .select({ id: auditEntries.id })
          .from(auditEntries)
          .where(eq(auditEntries.chain, caseChain(caseId)))
          .orderBy(desc(auditEntries.sequence))
          .limit(1);
        return String(entry!.id);
      });
    targets['ACQUISITION/state'] = await append('ACQUISITION', 'case.start_review', 'Case', { state: 'REVIEW' });
    targets['ACQUISITION/consultation'] = await append(
      'ACQUISITION',
      'consultation.created',
      'Consultation',
      { state: 'REQUESTED' },
      referenceIds['consultation:MIIT@ACQUISITION'],
    );
    targets['CUTOFF/risk'] = await append('CUTOFF', 'case.classify', 'Case', { riskGrade: 'HIGH' });
    sentinels.ACQUISITION = await append('ACQUISITION', 'case.extend_phase', 'Case', { state: 'REVIEW' });
    sentinels.CUTOFF = await append('CUTOFF', 'case.extend_phase', 'Case', { state: 'REVIEW' });
  });

  async function waitForListeners(caseId: string, n: number) {
    for (let i = 0; i < 1000 && (await live.listeners('case-events', caseId)) !== n; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await live.listeners('case-events', caseId)).toBe(n);
  }

  it.each(liveMatrix.map((row) => [`${row.persona} ${row.expected}s ${row.target}`, row] as const))(
    '%s',
    async (_name, row) => {
      const key = row.target.split('/')[0] as 'ACQUISITION' | 'CUTOFF';
      const caseId = fixture.caseIds[key];
      const stream = await openEventStream(
        server.url,
        'subscription($id: ID!) { caseEvents(caseId: $id) { action } }',
        { id: encodeGlobalID('Case', caseId) },
        headers[row.persona],
      );
      try {
        // The first answer: a refusal, or (once the subscription listens) the first event published.
        const first = stream.next();
        let answered = false;
        void first.then(() => {
          answered = true;
        });
        while (!answered && (await live.listeners('case-events', caseId)) < 1) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        const refused = answered ? await first : null;
        let received: string | undefined;
        if (refused) {
          expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        } else {
          await live.publishCaseEvent({ caseId, auditEntryId: targets[row.target], action: row.target });
          await live.publishCaseEvent({ caseId, auditEntryId: sentinels[key], action: 'sentinel' });
          received = ((await first).data!.caseEvents as { action: string }).action;
          expect(received).toMatch(/^(case|consultation)\./);
        }
        const targetAction = {
          'ACQUISITION/state': 'case.start_review',
          'ACQUISITION/consultation': 'consultation.created',
          'CUTOFF/risk': 'case.classify',
        }[row.target];
        expect(received === targetAction).toBe(row.expected === 'allow');
      } finally {
        stream.close();
        await waitForListeners(caseId, 0);
      }
    },
  );
});

describe('inboxes', () => {
  const notificationOf = {} as Record<PersonaKey, string>;

  beforeAll(async () => {
    for (const [key, persona] of Object.entries(personas) as [PersonaKey, { email: string }][]) {
      const [row] = await database.db
        .insert(notifications)
        .values({
          personId: fixture.personIds[persona.email]!,
          kind: 'case.submitted',
          title: `Matrix notice for ${key}`,
        })
        .returning();
      notificationOf[key] = row!.id;
    }
  });

  it.each(
    inboxMatrix.map((row: InboxRow) => [`${row.persona} ${row.expected}s the inbox of ${row.owner}`, row] as const),
  )('%s', async (_name, row) => {
    const id = encodeGlobalID('Notification', notificationOf[row.owner === 'own' ? row.persona : row.owner]);
    const list = await server.graphql<{ viewer: { notifications: { nodes: { id: string }[] } } }>(
      '{ viewer { notifications(first: 100) { nodes { id } } } }',
      {},
      headers[row.persona],
    );
    expect(list.errors).toBeUndefined();
    const listed = list.data!.viewer.notifications.nodes.some((n) => n.id === id);
    const marked = await server.graphql<{ markNotificationRead: { __typename: string } }>(
      'mutation($id: ID!) { markNotificationRead(id: $id) { __typename } }',
      { id },
      headers[row.persona],
    );
    expect(marked.errors).toBeUndefined();
    expect(listed).toBe(row.expected === 'allow');
    expect(marked.data!.markNotificationRead.__typename).toBe(
      row.expected === 'allow' ? 'NotificationRead' : 'NotFound',
    );
  });
});

describe('dead jobs', () => {
  it.each(deadJobMatrix.map((row) => [`${row.persona} ${row.expected}s ${row.action} of dead jobs`, row] as const))(
    '%s',
    async (_name, row) => {
      // TEST DATA: a job that failed on every attempt.
      const [dead] = await database.db
        .insert(outbox)
        .values({ topic: 'matrix.test', payload: {}, status: 'DEAD', attempts: 5, lastError: 'matrix' })
        .returning();
      const id = encodeGlobalID('DeadJob', dead!.id);
      if (row.action === 'read') {
        const result = await server.graphql<{ deadJobs: { __typename: string; data?: { id: string }[] } }>(
          '{ deadJobs(first: 100) { __typename ... on DeadJobsSuccess { data { id } } } }',
          {},
          headers[row.persona],
        );
        expect(result.errors).toBeUndefined();
        const answer = result.data!.deadJobs;
        expect(answer.__typename).toBe(row.expected === 'allow' ? 'DeadJobsSuccess' : 'Forbidden');
        if (row.expected === 'allow') expect(answer.data!.some((j) => j.id === id)).toBe(true);
        return;
      }
      const result = await server.graphql<{ retryDeadJob: { __typename: string } }>(
        'mutation($id: ID!) { retryDeadJob(jobId: $id) { __typename } }',
        { id },
        headers[row.persona],
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.retryDeadJob.__typename).toBe(row.expected === 'allow' ? 'DeadJobRetried' : 'Forbidden');
      const [after] = await database.db.select().from(outbox).where(eq(outbox.id, dead!.id));
      expect(after!.status).toBe(row.expected === 'allow' ? 'PENDING' : 'DEAD');
    },
  );
});

describe('the matrix covers', () => {
  const kinds = new Set(matrix.map((r) => r.kind));

  it('every role', () => {
    const covered = new Set(matrix.map((r) => personas[r.persona].role));
    expect([...roles].filter((role) => !covered.has(role))).toEqual([]);
  });

  it('every object kind of the API, read by every persona', () => {
    const nodeTypes = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
      .map((t) => t.name)
      .sort();
    expect([...kinds].sort()).toEqual(nodeTypes);
    for (const persona of Object.keys(personas) as PersonaKey[]) {
      for (const kind of kinds) {
        expect(
          matrix.some((r) => r.persona === persona && r.kind === kind && r.action === 'read'),
          `${persona} × ${kind}`,
        ).toBe(true);
      }
    }
  });

  it('every guarded field, allowed to some and denied to others', () => {
    for (const [kind, fields] of Object.entries(guardedFields)) {
      for (const field of fields) {
        const rows = matrix.filter((r) => r.kind === kind && r.field === field);
        expect(
          rows.some((r) => r.expected === 'allow'),
          `${kind}.${field} allowed somewhere`,
        ).toBe(true);
        expect(
          rows.some((r) => r.expected === 'deny'),
          `${kind}.${field} denied somewhere`,
        ).toBe(true);
      }
    }
  });

  it('the seeded cases it names', () => {
    expect(Object.keys(caseTitles).sort()).toEqual(['ACQUISITION', 'CAPABILITY_GAP', 'CUTOFF', 'DRAFT', 'RELOCATION']);
  });
});

describe('a signed-out caller', () => {
  it.each(['cases', 'organizations', 'people', 'serviceAccounts'])('is asked to sign in for %s', async (field) => {
    const result = await server.graphql(`{ ${field}(first: 1) { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reads no object by ID', async () => {
    const result = await server.graphql('query($id: ID!) { node(id: $id) { id } }', {
      id: encodeGlobalID('Case', fixture.caseIds.RELOCATION),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

function describeRow(row: MatrixRow): string {
  const persona = personas[row.persona];
  const what = row.field ? `${row.kind}.${row.field}` : row.kind;
  return `${persona.role} (${persona.email}) ${row.expected}s ${row.action} ${what} ${row.target}`;
}

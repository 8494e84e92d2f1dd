/**
 * The timeline and live-event rows of the authorisation matrix (matrix.ts, `timelineMatrix`): every
 * kind of audit entry on a case, read by every persona through `Case.timeline` and `caseEvents`.
 */
import { createHash } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/audit.ts';
import { conditions } from '../../db/schema/decisions.ts';
import { documents } from '../../db/schema/documents.ts';
import { assessments, consultations, informationRequests } from '../../db/schema/work-items.ts';
import { appendAuditEntry, caseChain } from '../../src/domain/audit/append-audit-entry.ts';
import { createLiveEvents, type LiveEvents } from '../../src/live/live-events.ts';
import { createLogger } from '../../src/logger.ts';
import type { PersonActor } from '../../vocabulary/actor.ts';
import { prepareDecisionTargets } from '../decisions/matrix-targets.ts';
import { openEventStream } from '../live/event-stream.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { type AuthorizationFixture, prepareAuthorizationFixture } from './fixtures.ts';
import { type PersonaKey, personas, type TimelineTarget, timelineMatrix, timelineTargets } from './matrix.ts';

let database: TestDatabase;
let server: TestServer;
let fixture: AuthorizationFixture;
let live: LiveEvents;
const headers = {} as Record<PersonaKey, Record<string, string>>;
/** The audit entry (id and sequence) of each target, and of a state change every reader sees last. */
const entries = {} as Record<TimelineTarget | 'sentinel', { id: string; sequence: number }>;

interface TimelineNode {
  sequence: number;
  actorId: string | null;
  resultingState: string | null;
  after: string | null;
  reason: string | null;
}
const timelines = new Map<PersonaKey, TimelineNode[] | null>();

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  fixture = await prepareAuthorizationFixture(database);
  live = createLiveEvents({ logger: createLogger({ logLevel: 'silent' }) });
  server = await startTestServer(database, { env: { REQUESTS_PER_MINUTE: '100000' }, deps: { live } });
  for (const [key, persona] of Object.entries(personas) as [PersonaKey, { email: string }][]) {
    headers[key] = await bearerFor(database, persona.email);
  }
  const db = database.db;
  const caseId = fixture.caseIds.ACQUISITION;
  const officerId = fixture.personIds['officer@icsr.example']!;
  // The entries are written as the SECRET officer (the audit trail records only the actor's ID).
  const officer: PersonActor = {
    kind: 'PERSON',
    personId: officerId,
    organizationId: fixture.organizationIds.ICSR ?? officerId,
    organizationKind: 'REVIEW_OFFICE',
    roles: ['CASE_OFFICER'],
    clearance: 'SECRET',
  };
  const decisionTargets = await prepareDecisionTargets(database, fixture);
  // TEST DATA: a request to a party, a condition, and a CONFIDENTIAL and a SECRET document on the case.
  const [request] = await db
    .insert(informationRequests)
    .values({
      caseId,
      addressedToOrganizationId: fixture.organizationIds['MERIDIAN-CAP']!,
      questions: 'Ownership structure?',
      pausesPhaseClock: false,
      requestedById: officerId,
    })
    .returning();
  const [condition] = await db
    .insert(conditions)
    .values({
      caseId,
      decisionId: decisionTargets['APPROVED@ACQUISITION']!,
      description: 'Keep the EDA source code in the country.',
      ownerOrganizationId: fixture.organizationIds['MERIDIAN-CAP']!,
    })
    .returning();
  const document = async (classification: 'CONFIDENTIAL' | 'SECRET') => {
    const content = Buffer.from(`TEST DATA: ${classification} annex`);
    const [row] = await db
      .insert(documents)
      .values({
        caseId,
        title: `${classification} annex`,
        fileName: `${classification.toLowerCase()}-annex.pdf`,
        mediaType: 'text/plain',
        sizeBytes: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
        classification,
        uploadedById: officerId,
        uploadedAt: SEED_INSTANT,
        content,
      })
      .returning();
    return row!;
  };
  const confidential = await document('CONFIDENTIAL');
  const secret = await document('SECRET');
  const [consultation] = await db
    .select()
    .from(consultations)
    .where(and(eq(consultations.caseId, caseId), eq(consultations.departmentId, fixture.organizationIds.MIIT!)));
  const [assessment] = await db
    .select()
    .from(assessments)
    .where(and(eq(assessments.caseId, caseId), eq(assessments.instituteId, fixture.organizationIds.CIIE!)));

  const append = async (
    target: TimelineTarget | 'sentinel',
    action: string,
    entityKind: string,
    entityId: string,
    after: Record<string, unknown>,
  ) => {
    const chain = caseChain(caseId);
    const { sequence } = await database.db.transaction((tx) =>
      appendAuditEntry(tx, officer, {
        chain,
        caseId,
        action,
        entityKind,
        entityId,
        after,
        reason: 'TEST DATA reason',
        occurredAt: new Date(),
      }),
    );
    const [row] = await db
      .select({ id: auditEntries.id })
      .from(auditEntries)
      .where(and(eq(auditEntries.chain, chain), eq(auditEntries.sequence, sequence)));
    entries[target] = { id: String(row!.id), sequence };
  };
  const document_ = (d: typeof confidential) => ({
    title: d.title,
    fileName: d.fileName,
    classification: d.classification,
    sha256: d.sha256,
  });
  await append('case.state', 'case.start_review', 'Case', caseId, { state: 'REVIEW' });
  await append('case.classify', 'case.classify', 'Case', caseId, { riskGrade: 'HIGH', riskScore: 56 });
  await append('case.team_assigned', 'case.team_assigned', 'Case', caseId, { caseOfficerId: officerId });
  await append('clock.breached', 'clock.breached', 'Case', caseId, { phase: 'REVIEW' });
  await append('consultation', 'consultation.created', 'Consultation', consultation!.id, { state: 'REQUESTED' });
  await append('assessment', 'assessment.conflict_declared', 'Assessment', assessment!.id, { hasConflict: false });
  await append('information_request', 'information_request.created', 'InformationRequest', request!.id, {
    state: 'OPEN',
  });
  await append('decision', 'decision.approved', 'Decision', decisionTargets['APPROVED@ACQUISITION']!, {
    state: 'APPROVED',
    reasons: 'INTERNAL reasons',
  });
  await append('appeal', 'appeal.filed', 'Appeal', decisionTargets['FILED@ACQUISITION']!, { state: 'FILED' });
  await append('condition', 'condition.compliance_reported', 'Condition', condition!.id, { state: 'OPEN' });
  await append('document.uploaded/CONFIDENTIAL', 'document.uploaded', 'Document', confidential.id, {
    ...document_(confidential),
  });
  await append('document.uploaded/SECRET', 'document.uploaded', 'Document', secret.id, document_(secret));
  await append('document.read/CONFIDENTIAL', 'document.read', 'Document', confidential.id, {
    readerId: officerId,
    ...document_(confidential),
  });
  await append('document.read/SECRET', 'document.read', 'Document', secret.id, {
    readerId: officerId,
    ...document_(secret),
  });
  await append('sentinel', 'case.extend_phase', 'Case', caseId, { state: 'REVIEW' });

  for (const persona of Object.keys(personas) as PersonaKey[]) {
    const result = await server.graphql<{ node: { timeline: { nodes: TimelineNode[] } } | null }>(
      `query($id: ID!) { node(id: $id) { ... on Case {
        timeline(first: 100) { nodes { sequence actorId resultingState after reason } } } } }`,
      { id: encodeGlobalID('Case', caseId) },
      headers[persona],
    );
    expect(result.errors).toBeUndefined();
    timelines.set(persona, result.data!.node?.timeline.nodes ?? null);
  }
});
afterAll(async () => {
  await server?.close();
  await live?.close();
  await database?.destroy();
});

describe('Case.timeline', () => {
  it('has a row for every persona and every kind of entry', () => {
    expect(timelineMatrix).toHaveLength(Object.keys(personas).length * timelineTargets.length);
  });

  it.each(timelineMatrix.map((row) => [`${row.persona}: ${row.target} is ${row.expected}`, row] as const))(
    '%s',
    (_name, row) => {
      const timeline = timelines.get(row.persona)!;
      if (row.expected === 'no case') {
        expect(timeline).toBeNull();
        return;
      }
      const entry = timeline.find((node) => node.sequence === entries[row.target].sequence);
      if (row.expected === 'omitted') {
        expect(entry).toBeUndefined();
        return;
      }
      expect(entry).toBeDefined();
      const seen = JSON.stringify(entry);
      if (row.expected === 'state only') {
        expect(entry).toMatchObject({ actorId: null, after: null, reason: null, resultingState: 'REVIEW' });
        return;
      }
      expect(entry!.after).not.toBeNull();
      expect(entry!.reason).toBe('TEST DATA reason');
      const officerGlobalId = encodeGlobalID('Person', fixture.personIds['officer@icsr.example']!);
      if (row.expected === 'no reader') {
        // Neither the actor nor the reader's ID: who read the document stays in the read log.
        expect(entry!.actorId).toBeNull();
        expect(seen).not.toContain(fixture.personIds['officer@icsr.example']!);
        expect(entry!.after).toContain('annex');
      } else {
        expect(entry!.actorId).toBe(officerGlobalId);
      }
    },
  );
});

describe('caseEvents', () => {
  it.each((Object.keys(personas) as PersonaKey[]).map((persona) => [persona] as const))(
    '%s hears exactly the entries its timeline shows',
    async (persona) => {
      const caseId = fixture.caseIds.ACQUISITION;
      const expected = timelineMatrix
        .filter((row) => row.persona === persona && ['shown', 'no reader', 'state only'].includes(row.expected))
        .map((row) => entries[row.target].sequence);
      const stream = await openEventStream(
        server.url,
        'subscription($id: ID!) { caseEvents(caseId: $id) { sequence actorId after } }',
        { id: encodeGlobalID('Case', caseId) },
        headers[persona],
      );
      try {
        const first = stream.next();
        let answered = false;
        void first.then(() => {
          answered = true;
        });
        while (!answered && (await live.listeners('case-events', caseId)) < 1) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        if (answered) {
          const refused = await first;
          expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
          expect(timelineMatrix.filter((row) => row.persona === persona).every((r) => r.expected === 'no case')).toBe(
            true,
          );
          return;
        }
        for (const target of [...timelineTargets, 'sentinel'] as const) {
          await live.publishCaseEvent({ caseId, auditEntryId: entries[target].id, action: target });
        }
        const received: number[] = [];
        let next = await first;
        for (;;) {
          const event = next.data!.caseEvents as { sequence: number; actorId: string | null; after: string | null };
          if (event.sequence === entries.sentinel.sequence) break;
          received.push(event.sequence);
          const target = timelineTargets.find((t) => entries[t].sequence === event.sequence)!;
          const row = timelineMatrix.find((r) => r.persona === persona && r.target === target)!;
          if (row.expected !== 'shown') expect(event.actorId).toBeNull();
          next = await stream.next();
        }
        expect(received).toEqual(expected);
      } finally {
        stream.close();
        while ((await live.listeners('case-events', caseId)) > 0) {
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    },
  );
});

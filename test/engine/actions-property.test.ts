/**
 * `availableActions` against the engine, as a property: fast-check generates paths through the case
 * workflow (which event or which change of facts comes next), walked on the real engine and database.
 * In every state reached, for every person who could act:
 *  - every event listed as possible succeeds when sent with a valid generated input;
 *  - every event listed as not possible is refused with the rule and sentence it was listed with;
 *  - every other event is refused, and a refusal's `allowedEvents` are exactly the possible ones.
 * Each check runs in a transaction that is rolled back; only the step chosen by the path is kept.
 * Bounded (a few short paths) so that it runs well under a minute on either engine.
 */
import { and, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { clocks } from '../../db/schema/clocks.ts';
import { conditions, decisions } from '../../db/schema/decisions.ts';
import { consultations, representationRequests } from '../../db/schema/work-items.ts';
import type { Tx } from '../../src/database/database.ts';
import { admitAppeal, decideAppeal, dismissAppeal, fileAppeal } from '../../src/domain/appeals/appeals.ts';
import { createFiling, openCase } from '../../src/domain/cases/case-filing.ts';
import { classifyCase } from '../../src/domain/classification/classify-case.ts';
import { closeMonitoring, recordConditionBreach, waiveCondition } from '../../src/domain/conditions/conditions.ts';
import { requestConsultations, respondToConsultation } from '../../src/domain/consultations/consultations.ts';
import { approveDecision, sendBackDecision } from '../../src/domain/decisions/approve-decision.ts';
import { proposeDecision } from '../../src/domain/decisions/propose-decision.ts';
import { requestRepresentations, submitRepresentation } from '../../src/domain/decisions/representations.ts';
import { applyCaseEvent } from '../../src/domain/engine/apply-case-event.ts';
import { availableCaseActions } from '../../src/domain/engine/case-actions.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../../src/domain/errors.ts';
import { personActor } from '../../src/domain/people/person-actor.ts';
import { type Actor, type PersonActor, systemActor } from '../../vocabulary/actor.ts';
import { caseEvents } from '../../vocabulary/terms.ts';
import { caseWorkflow } from '../../workflows/case.workflow.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
const people: Record<string, PersonActor> = {};
const personas = ['officer', 'lead', 'firm', 'panel'] as const;
type Persona = (typeof personas)[number];
const emails: Record<Persona | 'panel2' | 'liaison', string> = {
  officer: 'officer@icsr.example',
  lead: 'lead@icsr.example',
  firm: 'rep@huaxin.example',
  panel: 'panel1@icsr.example',
  panel2: 'panel2@icsr.example',
  liaison: 'liaison@miit.example',
};
const options = { homeCountry: 'CN' };
const reason = 'Recorded for the property test.';
/** Events that end (or send back) a case early. */
const endings = ['WITHDRAW', 'DISCARD', 'CLOSE_AFTER_SCREENING', 'RETURN_FOR_COMPLETION'];

/** Thrown inside a check's transaction so that it always rolls back. */
class RolledBack extends Error {}

/** Runs `work` in a transaction that is rolled back; returns the error it threw, or null when it succeeded. */
async function attempt(work: (tx: Tx) => Promise<unknown>): Promise<unknown> {
  try {
    await database.db.transaction(async (tx) => {
      await work(tx);
      throw new RolledBack();
    });
  } catch (error) {
    return error instanceof RolledBack ? null : error;
  }
  return null;
}

async function caseRow(id: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.id, id));
  return row!;
}

/** The pending or newest decision of the case. */
async function newestDecision(caseId: string) {
  const rows = await database.db.select().from(decisions).where(eq(decisions.caseId, caseId));
  return rows.sort((a, b) => b.proposedAt.getTime() - a.proposedAt.getTime())[0];
}

/** Sends `event` as `actor` with a valid input, through the domain function a client would reach. */
async function perform(tx: Tx, actor: Actor, caseId: string, event: string, now: Date, pick: number) {
  const row = (await tx.select().from(cases).where(eq(cases.id, caseId)))[0]!;
  const base = { caseId, expectedVersion: row.version };
  const panelMemberIds = [people.panel!.personId, people.panel2!.personId];
  switch (event) {
    case 'PROPOSE_DECISION': {
      // A firm's filing may be cleared with a condition binding the filer; an office case is cleared.
      const withConditions = row.filerOrganizationId !== null && pick % 2 === 1;
      return proposeDecision(
        tx,
        actor,
        {
          ...base,
          reason,
          outcome: withConditions ? 'CLEARED_WITH_CONDITIONS' : 'CLEARED',
          reasons: 'Internal reasons.',
          noticeText: 'Notice to the parties.',
          conditions: withConditions
            ? [{ description: 'Keep process development at home.', ownerOrganizationId: row.filerOrganizationId! }]
            : [],
        },
        now,
      );
    }
    case 'APPROVE_DECISION':
      return approveDecision(tx, actor, base, now);
    case 'SEND_BACK_DECISION':
      return sendBackDecision(tx, actor, { ...base, reason }, now);
    case 'FILE_APPEAL':
      return fileAppeal(tx, actor, { ...base, grounds: 'Disproportionate.' }, now);
    case 'ADMIT_APPEAL':
      return admitAppeal(tx, actor, { ...base, panelMemberIds, reason }, now);
    case 'DISMISS_APPEAL':
      return dismissAppeal(tx, actor, { ...base, panelMemberIds, reason }, now);
    case 'DECIDE_APPEAL_UPHELD':
    case 'DECIDE_APPEAL_REMITTED':
      return decideAppeal(
        tx,
        actor,
        { ...base, outcome: event.slice('DECIDE_APPEAL_'.length) as 'UPHELD', reasons: reason },
        now,
      );
    case 'DECIDE_APPEAL_VARIED':
      return decideAppeal(
        tx,
        actor,
        {
          ...base,
          outcome: 'VARIED',
          reasons: reason,
          variedDecision: {
            outcome: 'CLEARED',
            reasons: 'Varied.',
            noticeText: 'Varied by the panel.',
            conditions: [],
          },
        },
        now,
      );
    case 'CONDITION_BREACHED': {
      const [open] = await tx.select().from(conditions).where(eq(conditions.caseId, caseId));
      return recordConditionBreach(
        tx,
        actor,
        { conditionId: open!.id, expectedVersion: open!.version, caseExpectedVersion: row.version, reason },
        now,
      );
    }
    case 'ALL_CONDITIONS_MET':
      return closeMonitoring(tx, actor, base, now);
    default:
      return applyCaseEvent(tx, actor, { ...base, event, reason }, now);
  }
}

/** Changes of facts a path may take besides events: classify, consult, hear the parties, settle conditions. */
async function factMoves(
  caseId: string,
): Promise<{ name: string; run: (tx: Tx, now: Date, pick: number) => Promise<unknown> }[]> {
  const row = await caseRow(caseId);
  const moves: { name: string; run: (tx: Tx, now: Date, pick: number) => Promise<unknown> }[] = [];
  const classify = (tx: Tx, now: Date, grade?: 'HIGH') =>
    classifyCase(
      tx,
      people.officer!,
      {
        caseId,
        expectedVersion: row.version,
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'INDUSTRY_TRANSFER',
        capabilities: ['MANUFACTURING'],
        maturity: 'MATURE',
        reason,
        ...(grade ? { riskGrade: grade, overrideReason: 'The office grades it higher.' } : {}),
      },
      now,
      options,
    );
  if (['SCREENING', 'REVIEW', 'IN_DEPTH'].includes(row.state)) {
    if (row.riskGrade === null) moves.push({ name: 'classify', run: (tx, now) => classify(tx, now) });
    else if (row.riskGrade !== 'HIGH' && row.riskOverrideReason === null) {
      moves.push({ name: 'grade HIGH', run: (tx, now) => classify(tx, now, 'HIGH') });
    }
  }
  const consulted = await database.db.select().from(consultations).where(eq(consultations.caseId, caseId));
  if (['REVIEW', 'IN_DEPTH'].includes(row.state) && consulted.length === 0) {
    moves.push({
      name: 'consult MIIT',
      run: async (tx, now, pick) => {
        const liaison = await personActor(tx, emails.liaison);
        const {
          consultations: [asked],
        } = await requestConsultations(
          tx,
          people.officer!,
          { caseId, expectedVersion: row.version, departmentIds: [liaison.organizationId], question: 'Any objection?' },
          now,
        );
        // Left open, concurred or objected to: each changes what a proposal needs.
        if (pick % 3 === 0) return;
        await respondToConsultation(
          tx,
          liaison,
          {
            consultationId: asked!.id,
            expectedVersion: asked!.version,
            opinion: pick % 3 === 1 ? 'CONCUR' : 'OBJECT',
            rationale: 'Considered.',
          },
          now,
        );
      },
    });
  }
  const pending = await newestDecision(caseId);
  if (row.state === 'DECISION_PROPOSED' && pending?.state === 'PROPOSED' && pending.outcome !== 'CLEARED') {
    const asked = await database.db
      .select()
      .from(representationRequests)
      .where(eq(representationRequests.decisionId, pending.id));
    if (asked.length === 0) {
      moves.push({
        name: 'ask the parties',
        run: (tx, now) => requestRepresentations(tx, people.officer!, { decisionId: pending.id }, now),
      });
    } else if (asked.some((r) => r.state === 'OPEN')) {
      const open = asked.find((r) => r.state === 'OPEN')!;
      moves.push({
        name: 'the firm answers',
        run: (tx, now) =>
          submitRepresentation(
            tx,
            people.firm!,
            { representationRequestId: open.id, expectedVersion: open.version, representation: 'Agreed.' },
            now,
          ),
      });
    }
  }
  if (row.state === 'DECIDED') {
    // The system's expiry, once the appeal window is over: the walk's clock jumps past it.
    const [window] = await database.db
      .select()
      .from(clocks)
      .where(and(eq(clocks.caseId, caseId), eq(clocks.phase, 'APPEAL_WINDOW'), isNull(clocks.stoppedAt)));
    if (window) {
      const after = new Date(window.dueAt.getTime() + 1000);
      moves.push({
        name: 'the appeal window expires',
        run: async (tx) => {
          await applyCaseEvent(
            tx,
            systemActor('clock'),
            { caseId, event: 'APPEAL_WINDOW_EXPIRED', expectedVersion: row.version },
            after,
          );
          return after;
        },
      });
    }
  }
  if (row.state === 'MONITORING') {
    const open = (await database.db.select().from(conditions).where(eq(conditions.caseId, caseId))).filter(
      (c) => c.state !== 'MET' && c.state !== 'WAIVED' && c.state !== 'BREACHED',
    );
    if (open.length > 0) {
      moves.push({
        name: 'waive the conditions',
        run: async (tx, now) => {
          for (const c of open) {
            await waiveCondition(tx, people.lead!, { conditionId: c.id, expectedVersion: c.version, reason }, now);
          }
        },
      });
    }
  }
  return moves;
}

/** Checks every persona's actions in the case's current state against the engine. @returns the possible moves. */
async function checkState(caseId: string, now: Date, pick: number) {
  const row = await caseRow(caseId);
  const possible: { persona: Persona; event: string }[] = [];
  for (const persona of personas) {
    if (persona === 'firm' && row.filerOrganizationId === null) continue;
    const actor = people[persona]!;
    const actions = await availableCaseActions(database.db, actor, row, now);
    const label = (event: string) => `${row.state}: ${persona} ${event}`;
    for (const action of actions) {
      const outcome = await attempt((tx) => perform(tx, actor, caseId, action.event, now, pick));
      if (action.possible) {
        expect(outcome, `${label(action.event)} was listed as possible`).toBeNull();
        possible.push({ persona, event: action.event });
      } else {
        expect(outcome, label(action.event)).toBeInstanceOf(InvalidTransitionError);
        const refusal = outcome as InvalidTransitionError;
        expect({ reason: refusal.message, code: refusal.blockedReason }, label(action.event)).toEqual({
          reason: action.reason,
          code: action.blockedReason,
        });
        expect(refusal.allowedEvents).toEqual(actions.filter((a) => a.possible).map((a) => a.event));
      }
    }
    // Events not listed: refused, naming only the possible events. One that another sender has here (a
    // role this persona lacks) and one the state has no row for, drawn by the path, stand for the rest.
    const listed = new Set(actions.map((a) => a.event));
    const fromHere = caseWorkflow.transitions.filter((t) => t.from.includes(row.state)).map((t) => t.event);
    const elsewhere = caseEvents.filter((e) => !fromHere.includes(e));
    const otherSenders = fromHere.filter((e) => !listed.has(e));
    const unlisted = [
      ...new Set([
        ...(otherSenders.length > 0 ? [otherSenders[pick % otherSenders.length]!] : []),
        elsewhere[pick % elsewhere.length]!,
      ]),
    ];
    for (const event of unlisted) {
      const outcome = await attempt((tx) =>
        applyCaseEvent(tx, actor, { caseId, event, expectedVersion: row.version, reason }, now),
      );
      expect(outcome, `${label(event)} is not listed`).not.toBeNull();
      expect([InvalidTransitionError, ForbiddenError, NotFoundError].some((kind) => outcome instanceof kind)).toBe(
        true,
      );
      if (outcome instanceof InvalidTransitionError && outcome.blockedReason === undefined) {
        expect(outcome.allowedEvents, label(event)).toEqual(actions.filter((a) => a.possible).map((a) => a.event));
      }
    }
  }
  return possible;
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const [key, email] of Object.entries(emails)) people[key] = await personActor(database.db, email);
});
afterAll(async () => {
  await database?.destroy();
});

describe('availableActions, on generated paths through the case workflow', () => {
  it('lists as possible exactly what the engine accepts, and the engine refuses the rest with the stated rule', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('FIRM_FILING' as const, 'FIRM_FILING' as const, 'EX_OFFICIO' as const),
        fc.array(fc.nat(10_000), { minLength: 10, maxLength: 16 }),
        async (origin, picks) => {
          runs += 1;
          let now = new Date(Date.UTC(2026, 10, 2, 2, 0, 0) + runs * 90 * 86_400_000);
          const created = await database.db.transaction((tx) =>
            origin === 'FIRM_FILING'
              ? createFiling(
                  tx,
                  people.firm!,
                  { filerOrganizationId: people.firm!.organizationId, title: `Path ${runs}`, subject: 'RELOCATION' },
                  now,
                )
              : openCase(tx, people.officer!, { origin, title: `Path ${runs}`, subject: 'ACQUISITION' }, now),
          );
          for (const pick of picks) {
            now = new Date(now.getTime() + 86_400_000);
            const events = await checkState(created.id, now, pick);
            const facts = await factMoves(created.id);
            const moves = [
              ...events.map((e) => ({
                name: `${e.persona} ${e.event}`,
                run: (tx: Tx, at: Date, p: number) => perform(tx, people[e.persona]!, created.id, e.event, at, p),
              })),
              ...facts,
            ];
            if (moves.length === 0) break;
            // Paths that end the case early are taken now and then, so that most paths go deep.
            const going = moves.filter((m) => !endings.some((e) => m.name.endsWith(e)));
            const pool = going.length > 0 && pick % 7 !== 0 ? going : moves;
            const move = pool[Math.floor(pick / 7) % pool.length]!;
            if (process.env.TRACE_PATHS) console.log((await caseRow(created.id)).state, '->', move.name);
            const movedClock = await database.db.transaction((tx) => move.run(tx, now, pick));
            if (movedClock instanceof Date) now = movedClock;
          }
        },
      ),
      // One fixed seed by default, so CI walks the same paths each time; PATHS_SEED=<n> walks others.
      { numRuns: 5, seed: Number(process.env.PATHS_SEED ?? 20_261_202) },
    );
  }, 240_000);
});

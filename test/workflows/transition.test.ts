import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../../vocabulary/terms.ts';
import { caseWorkflow } from '../../workflows/case.workflow.ts';
import type { Sender, Transition, WorkflowDefinition } from '../../workflows/definition.ts';
import { currentWorkflows } from '../../workflows/registry.ts';
import { actionsFrom, planTransition, possibleEvents } from '../../workflows/transition.ts';
import { type ContextPatch, guardContext, satisfying, tomorrow, yesterday } from './fixtures.ts';

const definitions: readonly WorkflowDefinition[] = Object.values(currentWorkflows);

const eventsOf = (definition: WorkflowDefinition): string[] => [
  ...new Set(definition.transitions.map((transition) => transition.event)),
];

const rowsFrom = (definition: WorkflowDefinition, state: string, event: string): Transition[] =>
  definition.transitions.filter((transition) => transition.event === event && transition.from.includes(state));

/** A request from one sender: the system, or a person holding just that role. */
const sentBy = (sender: Sender) =>
  sender === 'SYSTEM' ? { actorRoles: [] as Role[], isSystem: true } : { actorRoles: [sender], isSystem: false };

/** The guard context under which every guard of the row passes. */
const contextSatisfying = (transition: Transition) =>
  guardContext(...transition.guards.map((guard) => satisfying[guard]));

// Every row, from every state it leaves: the happy path of each transition.
const rows = definitions.flatMap((definition) =>
  definition.transitions.flatMap((transition) =>
    transition.from.map((state) => ({
      name: `${definition.id}: ${state} --${transition.event}--> ${transition.to}`,
      definition,
      state,
      transition,
    })),
  ),
);

// Every state with an event that does not leave it (including one no workflow knows).
const illegal = definitions.flatMap((definition) =>
  definition.states.flatMap((state) =>
    [...eventsOf(definition), 'NO_SUCH_EVENT']
      .filter((event) => rowsFrom(definition, state, event).length === 0)
      .map((event) => ({ name: `${definition.id}: ${event} in ${state}`, definition, state, event })),
  ),
);

// Every event a state accepts, with each sender that may not send it.
const forbidden = definitions.flatMap((definition) =>
  definition.states.flatMap((state) =>
    eventsOf(definition).flatMap((event) => {
      const candidates = rowsFrom(definition, state, event);
      if (candidates.length === 0) return [];
      const permitted = new Set(candidates.flatMap((transition) => transition.by));
      return [...roles, 'SYSTEM' as const]
        .filter((sender) => !permitted.has(sender))
        .map((sender) => ({
          name: `${definition.id}: ${event} in ${state} by ${sender}`,
          definition,
          state,
          event,
          sender,
        }));
    }),
  ),
);

describe('planTransition', () => {
  it.each(rows)('takes $name when its guards pass', ({ definition, state, transition }) => {
    const sender = transition.by[0]!;
    const plan = planTransition(
      definition,
      { state, event: transition.event, ...sentBy(sender) },
      contextSatisfying(transition),
    );
    expect(plan).toEqual({ ok: true, to: transition.to, effects: transition.effects, transition });
  });

  it.each(illegal)('rejects $name, listing the possible events', ({ definition, state, event }) => {
    const person = planTransition(definition, { state, event, actorRoles: roles, isSystem: false }, guardContext());
    expect(person).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowedEvents: possibleEvents(definition, state, roles, guardContext()),
    });

    const system = planTransition(definition, { state, event, actorRoles: [], isSystem: true }, guardContext());
    expect(system).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowedEvents: possibleEvents(definition, state, ['SYSTEM'], guardContext()),
    });
  });

  it.each(forbidden)('forbids $name', ({ definition, state, event, sender }) => {
    const plan = planTransition(definition, { state, event, ...sentBy(sender) }, guardContext());
    expect(plan).toEqual({ ok: false, error: 'FORBIDDEN' });
  });

  it('lists the allowed events a sender may send: a firm in a draft can only submit or discard it', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'DRAFT', event: 'APPROVE_DECISION', actorRoles: ['FIRM_REPRESENTATIVE'], isSystem: false },
      guardContext(),
    );
    expect(plan).toEqual({ ok: false, error: 'INVALID_TRANSITION', allowedEvents: ['SUBMIT', 'DISCARD'] });
  });

  it('lets the system send only clock expiries, whatever roles the request carries', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'SUBMITTED', event: 'ACCEPT', actorRoles: ['CASE_OFFICER'], isSystem: true },
      guardContext(),
    );
    expect(plan).toEqual({ ok: false, error: 'FORBIDDEN' });
  });

  it('refuses approval by the proposer, naming the guard', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'DECISION_PROPOSED', event: 'APPROVE_DECISION', actorRoles: ['LEAD_REVIEWER'], isSystem: false },
      guardContext({
        actor: { id: 'lead-1', roles: ['CASE_OFFICER', 'LEAD_REVIEWER'] },
        case: { proposerId: 'lead-1', proposalPhase: 'IN_DEPTH', proposedOutcome: 'CLEARED' },
      }),
    );
    expect(plan).toMatchObject({ ok: false, error: 'GUARD_FAILED', guard: 'approverIsAnotherLeadReviewer' });
  });

  it('refuses a proposal straight from review after an objection', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'REVIEW', event: 'PROPOSE_DECISION', actorRoles: ['CASE_OFFICER'], isSystem: false },
      guardContext({ case: { riskGrade: 'LOW', anyConsultationObjected: true } }),
    );
    expect(plan).toMatchObject({ ok: false, error: 'GUARD_FAILED', guard: 'reviewMayConcludeWithoutInDepth' });
  });

  it('refuses a late appeal', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'DECIDED', event: 'FILE_APPEAL', actorRoles: ['FIRM_REPRESENTATIVE'], isSystem: false },
      guardContext({ reasonGiven: true, case: { appealWindowDueAt: yesterday } }),
    );
    expect(plan).toMatchObject({ ok: false, error: 'GUARD_FAILED', guard: 'appealWithinWindow' });
  });

  describe('when one event has alternative rows', () => {
    const panel = guardContext(satisfying.actorSitsOnPanel, satisfying.panelIndependentOfDecision, {
      reasonGiven: true,
      case: { appealState: 'ADMITTED' },
    });
    const uphold = {
      state: 'APPEALED',
      event: 'DECIDE_APPEAL_UPHELD',
      actorRoles: ['APPEALS_PANEL'] as Role[],
      isSystem: false,
    };

    it('takes the row whose guards pass: monitoring for a decision with conditions, closure without', () => {
      expect(
        planTransition(caseWorkflow, uphold, { ...panel, case: { ...panel.case, decisionHasConditions: true } }),
      ).toMatchObject({ ok: true, to: 'MONITORING' });
      expect(planTransition(caseWorkflow, uphold, panel)).toMatchObject({ ok: true, to: 'CLOSED' });
    });

    it('reports the first refusal of the first row when none passes', () => {
      const plan = planTransition(caseWorkflow, uphold, {
        ...panel,
        case: { ...panel.case, decisionParticipantIds: ['panel-1'] },
      });
      expect(plan).toMatchObject({ ok: false, error: 'GUARD_FAILED', guard: 'panelIndependentOfDecision' });
    });

    it('sends a proposal back to the phase it was made in', () => {
      const sendBack = {
        state: 'DECISION_PROPOSED',
        event: 'SEND_BACK_DECISION',
        actorRoles: ['LEAD_REVIEWER'] as Role[],
        isSystem: false,
      };
      expect(
        planTransition(
          caseWorkflow,
          sendBack,
          guardContext({ reasonGiven: true, case: { proposalPhase: 'IN_DEPTH' } }),
        ),
      ).toMatchObject({ ok: true, to: 'IN_DEPTH' });
      expect(
        planTransition(caseWorkflow, sendBack, guardContext({ reasonGiven: true, case: { proposalPhase: 'REVIEW' } })),
      ).toMatchObject({ ok: true, to: 'REVIEW' });
    });
  });

  it('ignores a system expiry that fires before its deadline', () => {
    const plan = planTransition(
      caseWorkflow,
      { state: 'DECIDED', event: 'APPEAL_WINDOW_EXPIRED', actorRoles: [], isSystem: true },
      guardContext({ deadline: tomorrow }),
    );
    expect(plan).toMatchObject({ ok: false, error: 'GUARD_FAILED', guard: 'deadlinePassed' });
  });
});

describe('actionsFrom', () => {
  const officer: Role[] = ['CASE_OFFICER'];

  it('lists every event a role could send from a state, once each, in table order', () => {
    const events = (state: string, senders: readonly Sender[]) =>
      actionsFrom(caseWorkflow, state as never, senders, guardContext()).map((action) => action.event);
    expect(events('DECISION_PROPOSED', ['LEAD_REVIEWER'])).toEqual(['APPROVE_DECISION', 'SEND_BACK_DECISION']);
    expect(events('REVIEW', officer)).toEqual(['ESCALATE_TO_IN_DEPTH', 'EXTEND_PHASE', 'PROPOSE_DECISION', 'WITHDRAW']);
    expect(events('REVIEW', ['AUDITOR', 'ADMIN'])).toEqual([]);
    expect(events('CLOSED', roles)).toEqual([]);
    expect(events('DECIDED', ['SYSTEM'])).toEqual(['APPEAL_WINDOW_EXPIRED']);
  });

  it('blocks a proposal in review after an objection, with the rule, as the engine then refuses it', () => {
    const facts = guardContext({ case: { riskGrade: 'LOW', anyConsultationObjected: true, origin: 'EX_OFFICIO' } });
    expect(actionsFrom(caseWorkflow, 'REVIEW', officer, facts)).toEqual([
      { event: 'ESCALATE_TO_IN_DEPTH', possible: true, blockedReason: null, reason: null, reasonRequired: false },
      {
        event: 'EXTEND_PHASE',
        possible: false,
        blockedReason: 'EXTENSION_UNAVAILABLE',
        reason: 'this phase cannot be extended (again)',
        reasonRequired: false,
      },
      {
        event: 'PROPOSE_DECISION',
        possible: false,
        blockedReason: 'DEPARTMENT_OBJECTED',
        reason: 'a department objected: the case must pass through in-depth review',
        reasonRequired: false,
      },
      {
        event: 'WITHDRAW',
        possible: false,
        blockedReason: 'NOT_A_FIRM_FILING',
        reason: 'only a firm filing can be submitted or withdrawn',
        reasonRequired: false,
      },
    ]);
    const plan = planTransition(
      caseWorkflow,
      { state: 'REVIEW', event: 'PROPOSE_DECISION', actorRoles: officer, isSystem: false },
      { ...facts, reasonGiven: true },
    );
    expect(plan).toEqual({
      ok: false,
      error: 'GUARD_FAILED',
      guard: 'reviewMayConcludeWithoutInDepth',
      code: 'DEPARTMENT_OBJECTED',
      reason: 'a department objected: the case must pass through in-depth review',
      allowedEvents: ['ESCALATE_TO_IN_DEPTH'],
    });
  });

  it('blocks starting review before the grade is confirmed', () => {
    const [, start] = actionsFrom(caseWorkflow, 'SCREENING', officer, guardContext());
    expect(start).toMatchObject({ event: 'START_REVIEW', possible: false, blockedReason: 'NO_RISK_GRADE' });
  });

  it('says when a possible action needs written reasons: always for some, with open work for a proposal', () => {
    const inDepth = (patch: ContextPatch) =>
      actionsFrom(caseWorkflow, 'IN_DEPTH', officer, guardContext(patch)).find((a) => a.event === 'PROPOSE_DECISION');
    expect(inDepth({})).toMatchObject({ possible: true, reasonRequired: false });
    expect(inDepth({ case: { openConsultations: 1 } })).toMatchObject({
      possible: true,
      reasonRequired: true,
    });
    const [close] = actionsFrom(caseWorkflow, 'SCREENING', officer, guardContext());
    expect(close).toMatchObject({ event: 'CLOSE_AFTER_SCREENING', possible: true, reasonRequired: true });
  });

  it('leaves the panel a ruling names to the ruling: admission is possible for a panel member before it sits', () => {
    const actions = actionsFrom(
      caseWorkflow,
      'APPEALED',
      ['APPEALS_PANEL'],
      guardContext({ actor: { id: 'panel-1', roles: ['APPEALS_PANEL'] }, case: { appealState: 'FILED' } }),
    );
    expect(actions.filter((a) => a.possible).map((a) => a.event)).toEqual(['ADMIT_APPEAL', 'DISMISS_APPEAL']);
  });
});

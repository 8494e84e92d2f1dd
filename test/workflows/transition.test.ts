import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../../src/domain/vocabulary.ts';
import { caseWorkflow } from '../../workflows/case.workflow.ts';
import type { Sender, Transition, WorkflowDefinition } from '../../workflows/definition.ts';
import { currentWorkflows } from '../../workflows/registry.ts';
import { availableEvents, planTransition } from '../../workflows/transition.ts';
import { guardContext, satisfying, tomorrow, yesterday } from './fixtures.ts';

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

  it.each(illegal)('rejects $name, listing the allowed events', ({ definition, state, event }) => {
    const person = planTransition(definition, { state, event, actorRoles: roles, isSystem: false }, guardContext());
    const expected = [
      ...new Set(
        definition.transitions
          .filter((transition) => transition.from.includes(state) && transition.by.some((by) => by !== 'SYSTEM'))
          .map((transition) => transition.event),
      ),
    ];
    expect(person).toEqual({ ok: false, error: 'INVALID_TRANSITION', allowedEvents: expected });

    const system = planTransition(definition, { state, event, actorRoles: [], isSystem: true }, guardContext());
    expect(system).toEqual({
      ok: false,
      error: 'INVALID_TRANSITION',
      allowedEvents: availableEvents(definition, state, ['SYSTEM']),
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

describe('availableEvents', () => {
  it('lists the events a role may send from a state, once each, in table order', () => {
    expect(availableEvents(caseWorkflow, 'DECISION_PROPOSED', ['LEAD_REVIEWER'])).toEqual([
      'APPROVE_DECISION',
      'SEND_BACK_DECISION',
    ]);
    expect(availableEvents(caseWorkflow, 'REVIEW', ['CASE_OFFICER'])).toEqual([
      'ESCALATE_TO_IN_DEPTH',
      'EXTEND_PHASE',
      'PROPOSE_DECISION',
      'WITHDRAW',
    ]);
  });

  it('lists nothing for a role with no part in the state, nor in a terminal state', () => {
    expect(availableEvents(caseWorkflow, 'REVIEW', ['AUDITOR', 'ADMIN'])).toEqual([]);
    expect(availableEvents(caseWorkflow, 'CLOSED', roles)).toEqual([]);
  });

  it('lists the clock expiries for the system', () => {
    expect(availableEvents(caseWorkflow, 'DECIDED', ['SYSTEM'])).toEqual(['APPEAL_WINDOW_EXPIRED']);
  });
});

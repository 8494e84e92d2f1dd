import { describe, expect, it } from 'vitest';
import {
  appealStates,
  assessmentStates,
  type CaseState,
  caseEvents,
  caseStates,
  conditionStates,
  consultationStates,
  informationRequestStates,
  representationRequestStates,
} from '../../vocabulary/terms.ts';
import { caseWorkflow } from '../../workflows/case.workflow.ts';
import { type Effect, startClock, stopAllClocks, type WorkflowDefinition } from '../../workflows/definition.ts';
import { guards } from '../../workflows/guards.ts';
import { currentWorkflows, workflowDefinition, workflowVersions } from '../../workflows/registry.ts';

const definitions: readonly WorkflowDefinition[] = Object.values(currentWorkflows);

/** States reachable from the initial state, breadth first over the transition table. */
function reachableStates(definition: WorkflowDefinition): Set<string> {
  const seen = new Set([definition.initial]);
  const queue = [definition.initial];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const transition of definition.transitions) {
      if (transition.from.includes(state) && !seen.has(transition.to)) {
        seen.add(transition.to);
        queue.push(transition.to);
      }
    }
  }
  return seen;
}

describe.each(definitions.map((definition) => [definition.id, definition] as const))(
  'the %s workflow',
  (_, definition) => {
    it('names its initial and terminal states, and every row, among its states', () => {
      expect(new Set(definition.states).size).toBe(definition.states.length);
      expect(definition.states).toContain(definition.initial);
      for (const state of definition.terminal) expect(definition.states).toContain(state);
      for (const transition of definition.transitions) {
        for (const from of transition.from) expect(definition.states).toContain(from);
        expect(definition.states).toContain(transition.to);
      }
    });

    it('reaches every state from the initial state', () => {
      expect([...reachableStates(definition)].sort()).toEqual([...definition.states].sort());
    });

    it('has no exit from a terminal state', () => {
      for (const state of definition.terminal) {
        expect(
          definition.transitions.filter((transition) => transition.from.includes(state)),
          state,
        ).toEqual([]);
      }
    });

    it('has an exit to another state from every non-terminal state', () => {
      for (const state of definition.states.filter((state) => !definition.terminal.includes(state))) {
        const exits = definition.transitions.filter(
          (transition) => transition.from.includes(state) && transition.to !== state,
        );
        expect(exits.length, state).toBeGreaterThan(0);
      }
    });

    it('says who may send every event, without repeating a sender', () => {
      for (const transition of definition.transitions) {
        expect(transition.by.length, transition.event).toBeGreaterThan(0);
        expect(new Set(transition.by).size, transition.event).toBe(transition.by.length);
        expect(transition.from.length, transition.event).toBeGreaterThan(0);
        expect(transition.description, transition.event).not.toBe('');
      }
    });

    it('cites only guards that exist', () => {
      for (const transition of definition.transitions) {
        for (const guard of transition.guards) expect(Object.keys(guards), transition.event).toContain(guard);
      }
    });

    it('tells apart the rows one event takes from one state by their guards', () => {
      for (const state of definition.states) {
        for (const event of new Set(definition.transitions.map((transition) => transition.event))) {
          const rows = definition.transitions.filter(
            (transition) => transition.event === event && transition.from.includes(state),
          );
          if (rows.length < 2) continue;
          for (const row of rows) expect(row.guards.length, `${state} ${event}`).toBeGreaterThan(0);
          expect(new Set(rows.map((row) => row.to)).size, `${state} ${event}`).toBe(rows.length);
        }
      }
    });

    it('is registered under its id and version', () => {
      expect(workflowDefinition(definition.id, definition.version)).toBe(definition);
      expect(workflowVersions[definition.id]).toContain(definition);
      expect(workflowDefinition(definition.id, definition.version + 1000)).toBeUndefined();
    });
  },
);

describe('the registry', () => {
  it('keys every current definition by its own id', () => {
    for (const [id, definition] of Object.entries(currentWorkflows)) expect(definition.id).toBe(id);
  });

  it('holds versions in ascending order, the current one last', () => {
    for (const [id, versions] of Object.entries(workflowVersions)) {
      const numbers = versions.map((definition) => definition.version);
      expect(numbers, id).toEqual([...numbers].sort((a, b) => a - b));
      expect(versions.at(-1), id).toBe(currentWorkflows[id as keyof typeof currentWorkflows]);
    }
  });
});

describe('the work items', () => {
  it('use exactly the states of the vocabulary', () => {
    expect(currentWorkflows.consultation.states).toEqual(consultationStates);
    expect(currentWorkflows.assessment.states).toEqual(assessmentStates);
    expect(currentWorkflows.informationRequest.states).toEqual(informationRequestStates);
    expect(currentWorkflows.representationRequest.states).toEqual(representationRequestStates);
    expect(currentWorkflows.appeal.states).toEqual(appealStates);
    expect(currentWorkflows.condition.states).toEqual(conditionStates);
  });

  it('guard the acceptance of an assessment with the assessor’s own conflict declaration', () => {
    const accept = currentWorkflows.assessment.transitions.find((transition) => transition.event === 'ACCEPT');
    expect(accept?.guards).toContain('assessorDeclaredNoConflict');
  });
});

describe('the case workflow', () => {
  it('uses exactly the states of design §4', () => {
    expect(caseWorkflow.states).toEqual(caseStates);
    expect(caseWorkflow.terminal).toEqual(['WITHDRAWN', 'CLOSED']);
  });

  it('uses every event it declares', () => {
    expect(new Set(caseWorkflow.transitions.map((transition) => transition.event))).toEqual(new Set(caseEvents));
  });

  // The "leaves to" column of design §4, plus withdrawal before DECIDED and the office opening a
  // case straight into screening (created in DRAFT and moved in the same transaction).
  const exits: Record<CaseState, readonly CaseState[]> = {
    DRAFT: ['SUBMITTED', 'CLOSED', 'SCREENING'],
    SUBMITTED: ['SCREENING', 'RETURNED', 'WITHDRAWN'],
    RETURNED: ['SUBMITTED', 'WITHDRAWN'],
    SCREENING: ['REVIEW', 'CLOSED', 'WITHDRAWN'],
    REVIEW: ['REVIEW', 'DECISION_PROPOSED', 'IN_DEPTH', 'WITHDRAWN'],
    IN_DEPTH: ['IN_DEPTH', 'DECISION_PROPOSED', 'WITHDRAWN'],
    DECISION_PROPOSED: ['DECIDED', 'REVIEW', 'IN_DEPTH', 'WITHDRAWN'],
    DECIDED: ['APPEALED', 'MONITORING', 'CLOSED'],
    APPEALED: ['APPEALED', 'MONITORING', 'CLOSED', 'REVIEW'],
    MONITORING: ['CLOSED', 'REVIEW'],
    WITHDRAWN: [],
    CLOSED: [],
  };

  it.each(caseStates)('leaves %s only to the states the design lists', (state) => {
    const targets = caseWorkflow.transitions.filter((transition) => transition.from.includes(state)).map((t) => t.to);
    expect(new Set(targets)).toEqual(new Set(exits[state]));
  });

  // The clock column of design §4: entering a state from another one starts (or, back from a
  // proposal, resumes) that state's clock.
  const clockOnEntry: Partial<Record<CaseState, string>> = {
    SUBMITTED: 'ACCEPTANCE',
    RETURNED: 'RESUBMISSION',
    SCREENING: 'SCREENING',
    REVIEW: 'REVIEW',
    IN_DEPTH: 'IN_DEPTH',
    DECIDED: 'APPEAL_WINDOW',
    APPEALED: 'APPEAL_DECISION',
    MONITORING: 'CONDITION',
  };

  it.each(Object.entries(clockOnEntry))('runs the %s clock %s on entering the state', (state, phase) => {
    const entries = caseWorkflow.transitions.filter(
      (transition) => transition.to === state && !transition.from.includes(transition.to),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const runs = entry.effects.some(
        (effect: Effect) => (effect.kind === 'startClock' || effect.kind === 'resumeClock') && effect.phase === phase,
      );
      expect(runs, `${entry.event} → ${state}`).toBe(true);
    }
  });

  it('pauses the phase clock when a decision is proposed', () => {
    for (const transition of caseWorkflow.transitions.filter((t) => t.to === 'DECISION_PROPOSED')) {
      expect(transition.effects).toContainEqual({ kind: 'pauseClock', phase: transition.from[0] });
    }
  });

  it('stops every clock when a case that had one ends', () => {
    const endings = caseWorkflow.transitions.filter(
      (transition) => caseWorkflow.terminal.includes(transition.to) && !transition.from.includes('DRAFT'),
    );
    for (const ending of endings) expect(ending.effects, ending.event).toContainEqual(stopAllClocks);
  });

  it('assigns a reference exactly when a firm first submits or the office opens a case', () => {
    const assigning = caseWorkflow.transitions
      .filter((transition) => transition.effects.some((effect) => effect.kind === 'assignReference'))
      .map((transition) => `${transition.from.join()} ${transition.event}`);
    expect(assigning).toEqual(['DRAFT SUBMIT', 'DRAFT OPEN_EX_OFFICIO', 'DRAFT REFER']);
  });

  it('lets a firm withdraw from every state before DECIDED and from none after', () => {
    const withdraw = caseWorkflow.transitions.find((transition) => transition.event === 'WITHDRAW');
    expect(new Set(withdraw?.from)).toEqual(
      new Set(['SUBMITTED', 'RETURNED', 'SCREENING', 'REVIEW', 'IN_DEPTH', 'DECISION_PROPOSED']),
    );
    expect(withdraw?.by).toContain('FIRM_REPRESENTATIVE');
  });

  it('starts a new review clock when an appeal remits or a breach reopens the case', () => {
    for (const event of ['DECIDE_APPEAL_REMITTED', 'CONDITION_BREACHED']) {
      const row = caseWorkflow.transitions.find((transition) => transition.event === event);
      expect(row?.effects, event).toContainEqual(startClock('REVIEW'));
    }
  });
});

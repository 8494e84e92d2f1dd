/**
 * A third-party assessment by an institute (design §3–4): invitation, each assessor's conflict
 * declaration, acceptance or refusal, the report, and the office's endorsement or return.
 *
 * Conflicts are declared per person, so accepting and reporting are guarded by the acting
 * assessor's own declaration: one who declared a conflict can neither accept nor see the case.
 * An invitation nobody can take up is not left open: the office withdraws it (and may invite
 * another institute), or the institute declines as a whole once all its assessors are conflicted.
 * The office may also withdraw an accepted assessment whose report has not arrived.
 */
import type { assessmentStates } from '../vocabulary/terms.ts';
import { notify, startClock, stopClock, type WorkflowDefinition } from './definition.ts';

type AssessmentState = (typeof assessmentStates)[number];

/** Events an assessment accepts. */
export const assessmentEvents = [
  'ACCEPT',
  'DECLINE',
  'SUBMIT_REPORT',
  'ENDORSE',
  'RETURN_FOR_REVISION',
  'WITHDRAW',
] as const;
export type AssessmentEvent = (typeof assessmentEvents)[number];

/** The assessment lifecycle, version 1. */
export const assessmentWorkflow: WorkflowDefinition<AssessmentState, AssessmentEvent> = {
  id: 'assessment',
  version: 1,
  description: "An institute's assessment of a case, from invitation to the office's endorsement.",
  initial: 'INVITED',
  states: ['INVITED', 'ACCEPTED', 'DECLINED', 'SUBMITTED', 'ENDORSED', 'RETURNED', 'WITHDRAWN'],
  terminal: ['DECLINED', 'ENDORSED', 'WITHDRAWN'],
  onCreate: [startClock('ASSESSMENT'), notify('INSTITUTE', 'assessment.invited')],
  transitions: [
    {
      from: ['INVITED'],
      event: 'ACCEPT',
      to: 'ACCEPTED',
      by: ['ASSESSOR'],
      guards: ['assessorDeclaredNoConflict'],
      effects: [notify('CASE_OFFICER', 'assessment.accepted')],
      description: 'An assessor who declared no conflict accepts the terms of reference for the institute',
    },
    {
      from: ['INVITED'],
      event: 'DECLINE',
      to: 'DECLINED',
      by: ['ASSESSOR'],
      guards: [],
      effects: [stopClock('ASSESSMENT'), notify('CASE_OFFICER', 'assessment.declined')],
      description:
        'The institute declines the invitation (an assessor who declared no conflict, or any of its assessors when all of them are conflicted)',
    },
    {
      // Until a report arrives: an institute that accepted may still never deliver (its assessor
      // falls ill, a conflict surfaces late). Once reported, the office endorses or returns instead.
      from: ['INVITED', 'ACCEPTED'],
      event: 'WITHDRAW',
      to: 'WITHDRAWN',
      by: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      guards: ['reasonGiven'],
      effects: [stopClock('ASSESSMENT'), notify('INSTITUTE', 'assessment.withdrawn')],
      description:
        'The office withdraws the invitation before a report arrives, with reasons (e.g. every assessor is conflicted); the institute is told and its clock stops',
    },
    {
      from: ['ACCEPTED', 'RETURNED'],
      event: 'SUBMIT_REPORT',
      to: 'SUBMITTED',
      by: ['ASSESSOR'],
      guards: ['assessorDeclaredNoConflict'],
      effects: [stopClock('ASSESSMENT'), notify('CASE_OFFICER', 'assessment.submitted')],
      description: 'The assessor submits the report: capability scores and a recommended strategy',
    },
    {
      from: ['SUBMITTED'],
      event: 'ENDORSE',
      to: 'ENDORSED',
      by: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      guards: [],
      effects: [notify('INSTITUTE', 'assessment.endorsed')],
      description: 'The office endorses the report',
    },
    {
      from: ['SUBMITTED'],
      event: 'RETURN_FOR_REVISION',
      to: 'RETURNED',
      by: ['CASE_OFFICER', 'LEAD_REVIEWER'],
      guards: ['reasonGiven'],
      effects: [startClock('ASSESSMENT'), notify('INSTITUTE', 'assessment.returned')],
      description: 'The office returns the report for revision, saying why; a new deadline runs',
    },
  ],
};

/**
 * What "open work items" means, once (issue 11): every consultation and every assessment that is
 * not in a final state of its lifecycle, whatever keeps it open — awaiting an answer, overdue, an
 * invitation nobody can take up, a report awaiting the office. The proposal guard
 * (`workItemsSettledOrReasonGiven`) and the rule that a proposal then needs a written reason read
 * this definition through the case facts; it follows the lifecycles' own `terminal` lists.
 */
import { assessmentWorkflow } from './assessment.workflow.ts';
import { consultationWorkflow } from './consultation.workflow.ts';
import type { WorkflowDefinition } from './definition.ts';

function openStates<State extends string>(definition: WorkflowDefinition<State>): State[] {
  return definition.states.filter((state) => !definition.terminal.includes(state));
}

/** Consultation states that keep a consultation open. */
export const openConsultationStates = openStates(consultationWorkflow);

/** Assessment states that keep an assessment open. */
export const openAssessmentStates = openStates(assessmentWorkflow);

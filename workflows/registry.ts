/**
 * Every workflow definition, by id and version.
 *
 * A case (or work item) records the version it started on and keeps it when a newer definition
 * ships, so older versions stay here, looked up with {@link workflowDefinition}; new instances
 * start on {@link currentWorkflows}.
 */
import { appealWorkflow } from './appeal.workflow.ts';
import { assessmentWorkflow } from './assessment.workflow.ts';
import { caseWorkflow } from './case.workflow.ts';
import { conditionWorkflow } from './condition.workflow.ts';
import { consultationWorkflow } from './consultation.workflow.ts';
import type { WorkflowDefinition, WorkflowId } from './definition.ts';
import { informationRequestWorkflow } from './information-request.workflow.ts';
import { representationRequestWorkflow } from './representation-request.workflow.ts';

/** The definition new instances start on, per workflow. */
export const currentWorkflows = {
  case: caseWorkflow,
  consultation: consultationWorkflow,
  assessment: assessmentWorkflow,
  informationRequest: informationRequestWorkflow,
  representationRequest: representationRequestWorkflow,
  appeal: appealWorkflow,
  condition: conditionWorkflow,
} as const satisfies Record<WorkflowId, WorkflowDefinition>;

/** Every version ever shipped, per workflow; append a new version, never edit a shipped one. */
export const workflowVersions: Readonly<Record<WorkflowId, readonly WorkflowDefinition[]>> = {
  case: [caseWorkflow],
  consultation: [consultationWorkflow],
  assessment: [assessmentWorkflow],
  informationRequest: [informationRequestWorkflow],
  representationRequest: [representationRequestWorkflow],
  appeal: [appealWorkflow],
  condition: [conditionWorkflow],
};

/** The definition an instance runs on: the version it recorded when it started. */
export function workflowDefinition(id: WorkflowId, version: number): WorkflowDefinition | undefined {
  return workflowVersions[id].find((definition) => definition.version === version);
}

/**
 * The actions a person has on a case, as the engine would judge them now (design §8: "an impossible
 * one is shown disabled with its reason"): every event their roles could send in the case's state,
 * each possible or blocked by a rule on the stored facts, with the rule's code and sentence.
 */
import { subject } from '@casl/ability';
import type { cases } from '../../../db/schema/cases.ts';
import { abilityOf } from '../../../policies/ability.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { workflowDefinition } from '../../../workflows/registry.ts';
import { type ActionVerdict, actionsFrom } from '../../../workflows/transition.ts';
import type { Queryable } from '../../database/database.ts';
import { caseFactContext, loadCaseFacts } from './case-facts.ts';

/** The case columns the actions depend on: the state, the workflow, what the rules and CASL read. */
export type CaseForActions = Pick<
  typeof cases.$inferSelect,
  | 'id'
  | 'state'
  | 'workflowVersion'
  | 'regimeId'
  | 'origin'
  | 'riskGrade'
  | 'filerOrganizationId'
  | 'confidentiality'
  | 'discardedAt'
>;

/**
 * The actor's actions on a case they may read. Nobody who may not act on the case (CASL `transition`)
 * has any; the system sends only clock events and lists none.
 */
export async function availableCaseActions(
  db: Queryable,
  actor: Actor,
  caseRow: CaseForActions,
  now: Date,
): Promise<ActionVerdict<string>[]> {
  if (actor.kind === 'SYSTEM') return [];
  if (!abilityOf(actor).can('transition', subject('Case', { ...caseRow } as Record<string, unknown>))) return [];
  const definition = workflowDefinition('case', caseRow.workflowVersion);
  if (!definition) return [];
  const loaded = await loadCaseFacts(db, caseRow);
  return actionsFrom(definition, caseRow.state, actor.roles, caseFactContext(actor, loaded, now));
}

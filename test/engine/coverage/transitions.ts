/**
 * The transitions a definition allows, listed from the registry's tables (never typed by hand), and
 * the ones the engine actually recorded, read back from the audit trail.
 *
 * A row with several `from` states is one transition per state; rows with the same state and event
 * are alternatives told apart by their guards, and the audit trail tells them apart by the state
 * they lead to — so each listed transition is keyed by (workflow, from, event, to).
 */
import { desc, gt } from 'drizzle-orm';
import { auditEntries } from '../../../db/schema/audit.ts';
import type { Queryable } from '../../../src/database/database.ts';
import type { WorkflowDefinition, WorkflowId } from '../../../workflows/definition.ts';
import { workflowIds } from '../../../workflows/definition.ts';
import { currentWorkflows } from '../../../workflows/registry.ts';

/** How an event reaches the engine: a person through the API, or the system when a clock runs out. */
export type Channel = 'person' | 'system';

export interface ListedTransition {
  readonly workflow: WorkflowId;
  readonly from: string;
  readonly event: string;
  readonly to: string;
  /** The row's index in the definition's table. */
  readonly row: number;
  /** Which of the rows with this state and event it is (0 when it has no alternative), and how many there are. */
  readonly alternative: number;
  readonly alternatives: number;
  readonly guards: readonly string[];
  /** Each kind of sender the row admits must be seen taking it. */
  readonly channels: readonly Channel[];
}

export const transitionKey = (t: { workflow: string; from: string; event: string; to: string }) =>
  `${t.workflow}: ${t.from} --${t.event}--> ${t.to}`;

/** The definitions new instances start on: those a scenario can drive. */
export const definitions: readonly WorkflowDefinition[] = workflowIds.map((id) => currentWorkflows[id]);

export function listTransitions(definition: WorkflowDefinition): ListedTransition[] {
  const listed: ListedTransition[] = [];
  definition.transitions.forEach((row, index) => {
    for (const from of row.from) {
      const siblings = definition.transitions
        .map((other, i) => ({ other, i }))
        .filter(({ other }) => other.event === row.event && other.from.includes(from));
      const channels: Channel[] = [];
      if (row.by.some((sender) => sender !== 'SYSTEM')) channels.push('person');
      if (row.by.includes('SYSTEM')) channels.push('system');
      listed.push({
        workflow: definition.id,
        from,
        event: row.event,
        to: row.to,
        row: index,
        alternative: siblings.findIndex(({ i }) => i === index),
        alternatives: siblings.length,
        guards: row.guards,
        channels,
      });
    }
  });
  return listed;
}

export const allTransitions = (): ListedTransition[] => definitions.flatMap(listTransitions);

/** Every event a definition knows: those named by any of its rows. */
export const eventsOf = (definition: WorkflowDefinition): string[] => [
  ...new Set(definition.transitions.map((row) => row.event)),
];

/** A transition as the audit trail recorded it. */
export interface RecordedTransition {
  readonly workflow: WorkflowId;
  readonly from: string;
  readonly event: string;
  readonly to: string;
  readonly channel: Channel;
  readonly auditId: number;
}

const isWorkflowId = (value: string): value is WorkflowId => (workflowIds as readonly string[]).includes(value);

/**
 * The transitions the engines recorded after audit entry `afterId`: an entry whose action is
 * `<workflow>.<event>` (as both engines write it) with a state before and after. Entries of other
 * actions (creations, compliance reports, decisions) carry no state change and are skipped.
 */
export async function recordedTransitions(db: Queryable, afterId: number): Promise<RecordedTransition[]> {
  const rows = await db.select().from(auditEntries).where(gt(auditEntries.id, afterId)).orderBy(auditEntries.id);
  const recorded: RecordedTransition[] = [];
  for (const row of rows) {
    const [prefix, suffix] = row.action.split('.') as [string, string | undefined];
    if (!suffix || !isWorkflowId(prefix)) continue;
    const event = suffix.toUpperCase();
    if (!eventsOf(currentWorkflows[prefix]).includes(event)) continue;
    const before = row.before as { state?: string } | null;
    const after = row.after as { state?: string } | null;
    if (!before?.state || !after?.state) continue;
    recorded.push({
      workflow: prefix,
      from: before.state,
      event,
      to: after.state,
      channel: row.actorKind === 'SYSTEM' ? 'system' : 'person',
      auditId: row.id,
    });
  }
  return recorded;
}

/** The newest audit entry's id: transitions recorded later are this run's. */
export async function lastAuditId(db: Queryable): Promise<number> {
  const [newest] = await db.select({ id: auditEntries.id }).from(auditEntries).orderBy(desc(auditEntries.id)).limit(1);
  return newest?.id ?? 0;
}

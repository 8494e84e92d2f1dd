/**
 * The entries of a case's audit trail as one reader may see them: the SQL half of
 * policies/case-event-visibility.ts (which entries, so pages never count an omitted one) and the
 * rule itself on each row (which fields). `Case.timeline` and `caseEvents` both read through here.
 */
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { auditEntries } from '../../../db/schema/audit.ts';
import { appeals, conditions, decisions } from '../../../db/schema/decisions.ts';
import { documents } from '../../../db/schema/documents.ts';
import { assessments, consultations, informationRequests } from '../../../db/schema/work-items.ts';
import { abilityOf } from '../../../policies/ability.ts';
import {
  type CaseEventView,
  caseEventView,
  type DescribedKind,
  describedSubjectTypes,
  readsWholeTrail,
} from '../../../policies/case-event-visibility.ts';
import type { SubjectFields } from '../../../policies/rules-to-sql.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { accessibleWhere } from '../access/authorize.ts';
import {
  appealSubjectFields,
  assessmentSubjectFields,
  conditionSubjectFields,
  consultationSubjectFields,
  decisionSubjectFields,
  documentSubjectFields,
  informationRequestSubjectFields,
} from '../access/subject-fields.ts';
import { caseChain } from './append-audit-entry.ts';

type AuditRow = typeof auditEntries.$inferSelect;
/** A stored entry and what its reader is shown of it. */
export interface CaseEvent {
  readonly row: AuditRow;
  readonly view: CaseEventView;
}

const described = (table: PgTable & { id: AnyPgColumn }, fields: SubjectFields) => ({ table, id: table.id, fields });
const describedTables: Record<DescribedKind, { table: PgTable; id: AnyPgColumn; fields: SubjectFields }> = {
  Document: described(documents, documentSubjectFields(documents)),
  Consultation: described(consultations, consultationSubjectFields(consultations)),
  Assessment: described(assessments, assessmentSubjectFields(assessments)),
  InformationRequest: described(informationRequests, informationRequestSubjectFields(informationRequests)),
  Decision: described(decisions, decisionSubjectFields(decisions)),
  Appeal: described(appeals, appealSubjectFields(appeals)),
  Condition: described(conditions, conditionSubjectFields(conditions)),
};

/** Whether the actor may read the object the entry describes (true for entries about the case itself). */
function describedReadableSql(actor: Actor): SQL {
  const branches = (Object.keys(describedTables) as DescribedKind[]).map((kind) => {
    const { table, id, fields } = describedTables[kind];
    const readable = accessibleWhere(actor, 'read', describedSubjectTypes[kind], fields);
    return sql`when ${kind} then exists (select 1 from ${table} where ${id} = ${auditEntries.entityId} and ${readable})`;
  });
  return sql`(case ${auditEntries.entityKind} ${sql.join(branches, sql` `)} else true end)`;
}

/** The entries of the case's chain the actor is shown (the SQL mirror of `caseEventView`). */
function caseEventsWhere(actor: Actor, caseId: string): SQL {
  const chain = caseChain(caseId);
  const whole = readsWholeTrail(abilityOf(actor), { chain, caseId });
  return and(
    eq(auditEntries.chain, chain),
    whole
      ? describedReadableSql(actor)
      : // Outside the office: the workflow engine's entries that record a state.
        and(
          eq(auditEntries.entityKind, 'Case'),
          like(auditEntries.action, 'case.%'),
          sql`jsonb_typeof(${auditEntries.after} -> 'state') = 'string'`,
        ),
  )!;
}

function view(actor: Actor, rows: AuditRow[]): CaseEvent[] {
  const ability = abilityOf(actor);
  return rows.flatMap((row) => {
    // Every row here passed the readability filter of caseEventsWhere.
    const shown = caseEventView(ability, row, true);
    return shown ? [{ row, view: shown }] : [];
  });
}

/** A page of the case's trail, newest first. The caller has checked that the actor reads the case. */
export async function listCaseEvents(
  db: Queryable,
  actor: Actor,
  caseId: string,
  page: { limit: number; offset: number },
): Promise<CaseEvent[]> {
  const rows = await db
    .select()
    .from(auditEntries)
    .where(caseEventsWhere(actor, caseId))
    .orderBy(desc(auditEntries.sequence))
    .limit(page.limit)
    .offset(page.offset);
  return view(actor, rows);
}

/** One entry of the case's trail, or null when the actor is not shown it. */
export async function loadCaseEvent(
  db: Queryable,
  actor: Actor,
  caseId: string,
  auditEntryId: number,
): Promise<CaseEvent | null> {
  const rows = await db
    .select()
    .from(auditEntries)
    .where(and(eq(auditEntries.id, auditEntryId), caseEventsWhere(actor, caseId)));
  return view(actor, rows)[0] ?? null;
}

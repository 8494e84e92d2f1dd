/**
 * How each subject's fields in the CASL rules map to SQL, for one (possibly aliased) table:
 * columns as they are, and the facts kept in other tables (the parties of a case, the departments
 * consulted on it, …) as sub-queries. The same map turns rules into list filters and loads those
 * facts onto an object for an in-memory check, so the two can never disagree.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { auditEntries } from '../../../db/schema/audit.ts';
import { caseParties, type cases } from '../../../db/schema/cases.ts';
import type { calendars, regimes } from '../../../db/schema/clocks.ts';
import type { chainNodes, industryChains } from '../../../db/schema/knowledge.ts';
import type { organizations, people, serviceAccounts } from '../../../db/schema/organizations.ts';
import { assessments, conflictDeclarations, consultations } from '../../../db/schema/work-items.ts';
import type { FieldSql, SubjectFields } from '../../../policies/rules-to-sql.ts';

const column = (c: AnyPgColumn): FieldSql => ({ kind: 'column', column: c });

/** A fact held as rows of another table: `exists(rows linked to the subject where member matches)`. */
function factSet(member: AnyPgColumn, rowsWhere: (condition: SQL) => SQL): FieldSql {
  return {
    kind: 'set',
    contains: (value) => rowsWhere(sql`${member} = ${value}`),
    containsAny: (values) => (values.length === 0 ? sql`false` : rowsWhere(inArray(member, values))),
  };
}

/** The Case subject: its columns and the facts that decide who sees it (design §2). */
export function caseSubjectFields(table: typeof cases): SubjectFields {
  return {
    id: column(table.id),
    state: column(table.state),
    confidentiality: column(table.confidentiality),
    filerOrganizationId: column(table.filerOrganizationId),
    discardedAt: column(table.discardedAt),
    partyOrganizationIds: factSet(
      caseParties.organizationId,
      (condition) =>
        sql`exists (select 1 from ${caseParties} where ${caseParties.caseId} = ${table.id} and ${condition})`,
    ),
    consultedDepartmentIds: factSet(
      consultations.departmentId,
      (condition) =>
        sql`exists (select 1 from ${consultations} where ${consultations.caseId} = ${table.id} and ${condition})`,
    ),
    // An institute is on a case from its invitation, unless it declined.
    assessingInstituteIds: factSet(
      assessments.instituteId,
      (condition) =>
        sql`exists (select 1 from ${assessments} where ${assessments.caseId} = ${table.id} and ${assessments.state} <> 'DECLINED' and ${condition})`,
    ),
    conflictedPersonIds: factSet(
      conflictDeclarations.personId,
      (condition) =>
        sql`exists (select 1 from ${conflictDeclarations} join ${assessments} on ${assessments.id} = ${conflictDeclarations.assessmentId} where ${assessments.caseId} = ${table.id} and ${conflictDeclarations.hasConflict} and ${condition})`,
    ),
  };
}

export const organizationSubjectFields = (table: typeof organizations): SubjectFields => ({
  id: column(table.id),
  kind: column(table.kind),
});

export const personSubjectFields = (table: typeof people): SubjectFields => ({
  id: column(table.id),
  organizationId: column(table.organizationId),
});

export const serviceAccountSubjectFields = (table: typeof serviceAccounts): SubjectFields => ({
  id: column(table.id),
  organizationId: column(table.organizationId),
});

export const auditEntrySubjectFields = (table: typeof auditEntries): SubjectFields => ({
  chain: column(table.chain),
  caseId: column(table.caseId),
});

export const referenceSubjectFields = (
  table: typeof regimes | typeof calendars | typeof industryChains | typeof chainNodes,
): SubjectFields => ({
  id: column(table.id),
});

/**
 * How each subject's fields in the CASL rules map to SQL, for one (possibly aliased) table:
 * columns as they are, and the facts kept in other tables (the parties of a case, the departments
 * consulted on it, …) as sub-queries. The same map turns rules into list filters and loads those
 * facts onto an object for an in-memory check, so the two can never disagree.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { auditEntries } from '../../../db/schema/audit.ts';
import { caseParties, cases } from '../../../db/schema/cases.ts';
import type { calendars, regimes } from '../../../db/schema/clocks.ts';
import type { appeals, conditions, decisions } from '../../../db/schema/decisions.ts';
import { documentShares, type documents } from '../../../db/schema/documents.ts';
import type { chainNodes, industryChains } from '../../../db/schema/knowledge.ts';
import { type organizations, people, type serviceAccounts } from '../../../db/schema/organizations.ts';
import {
  assessments,
  conflictDeclarations,
  consultations,
  type informationRequests,
} from '../../../db/schema/work-items.ts';
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
    // An institute is on a case from its invitation, unless it declined or the office withdrew it.
    assessingInstituteIds: factSet(
      assessments.instituteId,
      (condition) =>
        sql`exists (select 1 from ${assessments} where ${assessments.caseId} = ${table.id} and ${assessments.state} not in ('DECLINED', 'WITHDRAWN') and ${condition})`,
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

/**
 * Decisions, appeals and conditions are reached only through a case the caller reads; their own
 * rules speak about their columns (a party sees only the approved decision).
 */
export const decisionSubjectFields = (table: typeof decisions): SubjectFields => ({
  id: column(table.id),
  caseId: column(table.caseId),
  state: column(table.state),
});

export const appealSubjectFields = (table: typeof appeals): SubjectFields => ({
  id: column(table.id),
  caseId: column(table.caseId),
  state: column(table.state),
});

export const conditionSubjectFields = (table: typeof conditions): SubjectFields => ({
  id: column(table.id),
  caseId: column(table.caseId),
  ownerOrganizationId: column(table.ownerOrganizationId),
});

export const referenceSubjectFields = (
  table: typeof regimes | typeof calendars | typeof industryChains | typeof chainNodes,
): SubjectFields => ({
  id: column(table.id),
});

/** A case column seen from an object inside the case, as a one-member set (`case_id` → the case's value). */
function caseColumn(caseId: AnyPgColumn, column: AnyPgColumn): FieldSql {
  return factSet(
    column,
    (condition) => sql`exists (select 1 from ${cases} where ${cases.id} = ${caseId} and ${condition})`,
  );
}

/** The persons who declared a conflict on any assessment of the case of `caseId`. */
// Aliased: the outer query may itself be over `assessments`, whose `case_id` the sub-query compares with.
const conflictAlias = 'conflict_assessments';
const conflictAssessments = alias(assessments, conflictAlias);

function conflictedOnCase(caseId: AnyPgColumn): FieldSql {
  const a = conflictAssessments;
  return factSet(
    conflictDeclarations.personId,
    (condition) =>
      sql`exists (select 1 from ${conflictDeclarations} join ${assessments} as ${sql.identifier(conflictAlias)} on ${a.id} = ${conflictDeclarations.assessmentId} where ${a.caseId} = ${caseId} and ${conflictDeclarations.hasConflict} and ${condition})`,
  );
}

/**
 * An assessment: its institute and state, and the facts of its case that decide who sees it (the
 * case's classification, the persons conflicted on the case). Callers also require the case to be
 * readable (visibility.ts), so these facts only narrow further.
 */
export const assessmentSubjectFields = (table: typeof assessments): SubjectFields => ({
  id: column(table.id),
  caseId: column(table.caseId),
  instituteId: column(table.instituteId),
  state: column(table.state),
  caseConfidentiality: caseColumn(table.caseId, cases.confidentiality),
  caseConflictedPersonIds: conflictedOnCase(table.caseId),
});

/** A document: its classification, the case's, and the organisations it was shared with or uploaded by. */
export const documentSubjectFields = (table: typeof documents): SubjectFields => ({
  id: column(table.id),
  caseId: column(table.caseId),
  classification: column(table.classification),
  caseConfidentiality: caseColumn(table.caseId, cases.confidentiality),
  sharedOrganizationIds: factSet(
    documentShares.organizationId,
    (condition) =>
      sql`exists (select 1 from ${documentShares} where ${documentShares.documentId} = ${table.id} and ${condition})`,
  ),
  uploaderOrganizationIds: factSet(
    people.organizationId,
    (condition) => sql`exists (select 1 from ${people} where ${people.id} = ${table.uploadedById} and ${condition})`,
  ),
});

/** The departments consulted on the case of `caseId` (a sub-query on the same table, hence its own alias). */
function consultedOnSameCase(caseId: AnyPgColumn): FieldSql {
  const peers = (condition: SQL) =>
    sql`exists (select 1 from ${consultations} as "peer_consultations" where "peer_consultations"."case_id" = ${caseId} and ${condition})`;
  return {
    kind: 'set',
    contains: (value) => peers(sql`"peer_consultations"."department_id" = ${value}`),
    containsAny: (values) =>
      values.length === 0
        ? sql`false`
        : peers(
            sql`"peer_consultations"."department_id" in (${sql.join(
              values.map((v) => sql`${v}`),
              sql`, `,
            )})`,
          ),
  };
}

/** A consultation: the department asked, its state, and the facts of its case that decide who sees it. */
export const consultationSubjectFields = (table: typeof consultations): SubjectFields => ({
  id: column(table.id),
  departmentId: column(table.departmentId),
  state: column(table.state),
  caseConfidentiality: caseColumn(table.caseId, cases.confidentiality),
  // The departments consulted on the same case share each other's submitted opinions (design §2).
  caseConsultedDepartmentIds: consultedOnSameCase(table.caseId),
});

/** An information request: the party it is addressed to, and its case's classification. */
export const informationRequestSubjectFields = (table: typeof informationRequests): SubjectFields => ({
  id: column(table.id),
  addressedToOrganizationId: column(table.addressedToOrganizationId),
  caseConfidentiality: caseColumn(table.caseId, cases.confidentiality),
});

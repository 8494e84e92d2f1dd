/** How the knowledge base's CASL rule fields map to SQL (see src/domain/access/subject-fields.ts). */
import { inArray, type SQL, sql } from 'drizzle-orm';
import {
  industryCommittees,
  type keyTechnologies,
  type suppliers,
  type supplyLinks,
} from '../../../db/schema/knowledge.ts';
import type { SubjectFields } from '../../../policies/rules-to-sql.ts';

export const supplierSubjectFields = (table: typeof suppliers): SubjectFields => ({
  id: { kind: 'column', column: table.id },
});

export const supplyLinkSubjectFields = (table: typeof supplyLinks): SubjectFields => ({
  id: { kind: 'column', column: table.id },
  reportedByOrganizationId: { kind: 'column', column: table.reportedByOrganizationId },
});

export const industryCommitteeSubjectFields = (table: typeof industryCommittees): SubjectFields => ({
  id: { kind: 'column', column: table.id },
  leadDepartmentId: { kind: 'column', column: table.leadDepartmentId },
});

/** A key technology belongs to the department that leads its committee (`committeeLeadDepartmentId`). */
export const keyTechnologySubjectFields = (table: typeof keyTechnologies): SubjectFields => {
  const leadIs = (condition: SQL) =>
    sql`exists (select 1 from ${industryCommittees} where ${industryCommittees.id} = ${table.committeeId} and ${condition})`;
  return {
    id: { kind: 'column', column: table.id },
    committeeLeadDepartmentId: {
      kind: 'set',
      contains: (value) => leadIs(sql`${industryCommittees.leadDepartmentId} = ${value}`),
      containsAny: (values) =>
        values.length === 0 ? sql`false` : leadIs(inArray(industryCommittees.leadDepartmentId, values as string[])),
    },
  };
};

/**
 * Which objects a caller may read, decided in SQL by the CASL rules: used by every list and by
 * `node`/`nodes`, so an ID the caller may not see reads exactly like one that does not exist.
 */
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { cases } from '../../db/schema/cases.ts';
import { calendars, regimes } from '../../db/schema/clocks.ts';
import { appeals, decisions } from '../../db/schema/decisions.ts';
import { documents } from '../../db/schema/documents.ts';
import {
  chainNodes,
  industryChains,
  industryCommittees,
  keyTechnologies,
  suppliers,
  supplyLinks,
} from '../../db/schema/knowledge.ts';
import { organizations, people, serviceAccounts } from '../../db/schema/organizations.ts';
import { assessments, consultations, informationRequests } from '../../db/schema/work-items.ts';
import type { Action, SubjectType } from '../../policies/ability.ts';
import type { SubjectFields } from '../../policies/rules-to-sql.ts';
import type { Actor } from '../../vocabulary/actor.ts';
import { accessibleWhere } from '../domain/access/authorize.ts';
import {
  appealSubjectFields,
  assessmentSubjectFields,
  caseSubjectFields,
  consultationSubjectFields,
  decisionSubjectFields,
  documentSubjectFields,
  informationRequestSubjectFields,
  organizationSubjectFields,
  personSubjectFields,
  referenceSubjectFields,
  serviceAccountSubjectFields,
} from '../domain/access/subject-fields.ts';
import {
  industryCommitteeSubjectFields,
  keyTechnologySubjectFields,
  supplierSubjectFields,
  supplyLinkSubjectFields,
} from '../domain/knowledge/subject-fields.ts';
import type { GraphQLContext } from './context.ts';

interface Readable<T extends PgTable & { id: PgColumn }> {
  subject: SubjectType;
  table: T;
  fields: (table: T) => SubjectFields;
  /** For an object inside a case: its case column. Such an object is visible only while its case is. */
  caseId?: (table: T) => PgColumn;
}

const readable = <T extends PgTable & { id: PgColumn }>(r: Readable<T>) =>
  r as unknown as Readable<PgTable & { id: PgColumn }>;

/** Each node type: its table and how its rule fields map to SQL. */
export const readableNodeTypes: Record<string, Readable<PgTable & { id: PgColumn }>> = {
  Case: readable({ subject: 'Case', table: cases, fields: caseSubjectFields }),
  Organization: readable({ subject: 'Organization', table: organizations, fields: organizationSubjectFields }),
  Person: readable({ subject: 'Person', table: people, fields: personSubjectFields }),
  Regime: readable({ subject: 'Regime', table: regimes, fields: referenceSubjectFields }),
  Calendar: readable({ subject: 'Calendar', table: calendars, fields: referenceSubjectFields }),
  IndustryChain: readable({ subject: 'IndustryChain', table: industryChains, fields: referenceSubjectFields }),
  ChainNode: readable({ subject: 'ChainNode', table: chainNodes, fields: referenceSubjectFields }),
  Supplier: readable({ subject: 'Supplier', table: suppliers, fields: supplierSubjectFields }),
  SupplyLink: readable({ subject: 'SupplyLink', table: supplyLinks, fields: supplyLinkSubjectFields }),
  IndustryCommittee: readable({
    subject: 'IndustryCommittee',
    table: industryCommittees,
    fields: industryCommitteeSubjectFields,
  }),
  KeyTechnology: readable({ subject: 'KeyTechnology', table: keyTechnologies, fields: keyTechnologySubjectFields }),
  ServiceAccount: readable({ subject: 'ServiceAccount', table: serviceAccounts, fields: serviceAccountSubjectFields }),
  Assessment: readable({
    subject: 'Assessment',
    table: assessments,
    fields: assessmentSubjectFields,
    caseId: (t) => t.caseId,
  }),
  Document: readable({ subject: 'Document', table: documents, fields: documentSubjectFields, caseId: (t) => t.caseId }),
  Decision: readable({ subject: 'Decision', table: decisions, fields: decisionSubjectFields, caseId: (t) => t.caseId }),
  Appeal: readable({ subject: 'Appeal', table: appeals, fields: appealSubjectFields, caseId: (t) => t.caseId }),
  Consultation: readable({
    subject: 'Consultation',
    table: consultations,
    fields: consultationSubjectFields,
    caseId: (t) => t.caseId,
  }),
  InformationRequest: readable({
    subject: 'InformationRequest',
    table: informationRequests,
    fields: informationRequestSubjectFields,
    caseId: (t) => t.caseId,
  }),
};

/**
 * Rows of an object inside a case that `actor` may `action`: its own rules and, since an object of a
 * case one may not see does not exist for them, the case's read rule (the case table is not aliased
 * by the caller, so the sub-query's `cases` is its own).
 */
export function withinReadableCase(
  actor: Actor | null,
  action: Action,
  subject: SubjectType,
  fields: SubjectFields,
  caseId: PgColumn,
): SQL {
  const caseReadable = accessibleWhere(actor, 'read', 'Case', caseSubjectFields(cases));
  return and(
    accessibleWhere(actor, action, subject, fields),
    sql`exists (select 1 from ${cases} where ${cases.id} = ${caseId} and ${caseReadable})`,
  )!;
}

/** The SQL filter of the `subject` rows the caller may read, for `table` (which may be an alias). */
export function readableWhere<T extends PgTable>(
  ctx: GraphQLContext,
  subject: SubjectType,
  fields: SubjectFields,
): SQL {
  void ({} as T);
  return accessibleWhere(ctx.actor, 'read', subject, fields);
}

/** The subset of `ids` of type `typename` that the caller may read (one query). */
export async function readableIds(ctx: GraphQLContext, typename: string, ids: readonly string[]): Promise<Set<string>> {
  const type = readableNodeTypes[typename];
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!type || uuids.length === 0 || !ctx.actor) return new Set();
  const rows = await ctx.db
    .select({ id: type.table.id })
    .from(type.table as PgTable)
    .where(
      and(
        inArray(type.table.id, uuids),
        type.caseId
          ? withinReadableCase(ctx.actor, 'read', type.subject, type.fields(type.table), type.caseId(type.table))
          : accessibleWhere(ctx.actor, 'read', type.subject, type.fields(type.table)),
      ),
    );
  return new Set(rows.map((r) => String(r.id)));
}

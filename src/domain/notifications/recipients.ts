/**
 * Who receives a notice: the audience named by the workflow definition resolved to active people,
 * then narrowed by the same access rules as the API. A notice reaches a person only if they may
 * read its case (the filing organisation excepted: it knows its own case) and, for a notice about
 * a work item, that item — so a firm never hears of a consultation or an assessment, and an
 * institute only of its own assessment (design §2).
 */
import { and, eq, inArray, notInArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { caseParties, cases } from '../../../db/schema/cases.ts';
import { appealPanelMembers, appeals } from '../../../db/schema/decisions.ts';
import { organizations, people, personRoles } from '../../../db/schema/organizations.ts';
import {
  assessments,
  consultations,
  informationRequests,
  representationRequests,
} from '../../../db/schema/work-items.ts';
import type { SubjectFields } from '../../../policies/rules-to-sql.ts';
import type { PersonActor } from '../../../vocabulary/actor.ts';
import type { OrganizationKind, Role } from '../../../vocabulary/terms.ts';
import type { Audience } from '../../../workflows/definition.ts';
import type { Queryable } from '../../database/database.ts';
import { accessibleWhere } from '../access/authorize.ts';
import {
  assessmentSubjectFields,
  caseSubjectFields,
  consultationSubjectFields,
  informationRequestSubjectFields,
} from '../access/subject-fields.ts';

export interface Notice {
  readonly caseId: string;
  readonly audience: Audience;
  readonly template: string;
  readonly itemKind?: string | undefined;
  readonly itemId?: string | undefined;
}

export interface Recipient {
  readonly personId: string;
  readonly email: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
}

/** Notices outsiders of the office never get, whoever the definition names (design §2). */
const officeOnlyTemplates = /^(consultation|assessment|risk)\./;

type CaseRow = typeof cases.$inferSelect;

export async function resolveRecipients(db: Queryable, notice: Notice): Promise<Recipient[]> {
  const [caseRow] = await db.select().from(cases).where(eq(cases.id, notice.caseId));
  if (!caseRow) return [];
  const candidates = await candidatePeople(db, caseRow, notice);
  if (candidates.length === 0) return [];

  const rows = await db
    .select({
      personId: people.id,
      email: people.email,
      clearance: people.clearance,
      organizationId: people.organizationId,
      organizationKind: organizations.kind,
    })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.organizationId))
    .where(and(inArray(people.id, candidates), eq(people.status, 'ACTIVE')));
  const roleRows = await db
    .select()
    .from(personRoles)
    .where(
      inArray(
        personRoles.personId,
        rows.map((r) => r.personId),
      ),
    );

  const recipients: Recipient[] = [];
  for (const row of rows) {
    const actor: PersonActor = {
      kind: 'PERSON',
      personId: row.personId,
      organizationId: row.organizationId,
      organizationKind: row.organizationKind,
      roles: roleRows.filter((r) => r.personId === row.personId).map((r) => r.role),
      clearance: row.clearance,
    };
    if (row.organizationKind !== 'REVIEW_OFFICE' && officeOnlyTemplates.test(notice.template)) {
      // Departments hear of their own consultation, institutes of their own assessment: the item check decides.
      if (row.organizationKind === 'FIRM' || !notice.itemKind) continue;
    }
    const filer = caseRow.filerOrganizationId === row.organizationId;
    if (!filer && !(await mayRead(db, actor, 'Case', cases, notice.caseId, caseSubjectFields(cases)))) continue;
    if (!(await mayReadItem(db, actor, notice))) continue;
    recipients.push({
      personId: row.personId,
      email: row.email,
      organizationId: row.organizationId,
      organizationKind: row.organizationKind,
    });
  }
  return recipients;
}

/** The active liaison officers of a department: who reads its daily digest. */
export async function departmentLiaisons(db: Queryable, organizationId: string): Promise<Recipient[]> {
  return db
    .selectDistinct({
      personId: people.id,
      email: people.email,
      organizationId: people.organizationId,
      organizationKind: organizations.kind,
    })
    .from(people)
    .innerJoin(organizations, eq(organizations.id, people.organizationId))
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(
      and(eq(people.organizationId, organizationId), eq(people.status, 'ACTIVE'), eq(personRoles.role, 'LIAISON')),
    );
}

async function mayRead(
  db: Queryable,
  actor: PersonActor,
  type: 'Case' | 'Consultation' | 'Assessment' | 'InformationRequest',
  table: PgTable & { id: PgColumn },
  id: string,
  fields: SubjectFields,
): Promise<boolean> {
  const found = await db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.id, id), accessibleWhere(actor, 'read', type, fields)));
  return found.length > 0;
}

async function mayReadItem(db: Queryable, actor: PersonActor, notice: Notice): Promise<boolean> {
  if (!notice.itemKind || !notice.itemId) return true;
  switch (notice.itemKind) {
    case 'consultation':
      return mayRead(db, actor, 'Consultation', consultations, notice.itemId, consultationSubjectFields(consultations));
    case 'assessment':
      return mayRead(db, actor, 'Assessment', assessments, notice.itemId, assessmentSubjectFields(assessments));
    case 'informationRequest':
      return mayRead(
        db,
        actor,
        'InformationRequest',
        informationRequests,
        notice.itemId,
        informationRequestSubjectFields(informationRequests),
      );
    case 'representationRequest': {
      // No rule of its own: the office, or the party it is addressed to.
      if (actor.organizationKind === 'REVIEW_OFFICE') return true;
      const [request] = await db
        .select({ to: representationRequests.addressedToOrganizationId })
        .from(representationRequests)
        .where(eq(representationRequests.id, notice.itemId));
      return request?.to === actor.organizationId;
    }
    default:
      // Appeals and conditions: whoever reads the case reads them (policies/ability.ts).
      return true;
  }
}

/** The people the audience names, before the access check. */
async function candidatePeople(db: Queryable, caseRow: CaseRow, notice: Notice): Promise<string[]> {
  const ofOrganizations = async (organizationIds: (string | null)[], role?: Role) => {
    const ids = organizationIds.filter((id): id is string => id !== null);
    if (ids.length === 0) return [];
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(personRoles, eq(personRoles.personId, people.id))
      .where(and(inArray(people.organizationId, ids), role ? eq(personRoles.role, role) : undefined));
    return rows.map((r) => r.id);
  };
  const officeWith = async (role: Role) => {
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(personRoles, eq(personRoles.personId, people.id))
      .innerJoin(organizations, eq(organizations.id, people.organizationId))
      .where(and(eq(organizations.kind, 'REVIEW_OFFICE'), eq(personRoles.role, role)));
    return rows.map((r) => r.id);
  };
  const item = (kind: string) => (notice.itemKind === kind ? (notice.itemId ?? null) : null);

  switch (notice.audience) {
    case 'FILER':
    case 'REFERRING_DEPARTMENT':
      // A referral's filer is the referring department (db/schema/cases.ts).
      return ofOrganizations([caseRow.filerOrganizationId]);
    case 'PARTIES': {
      const parties = await db
        .select({ id: caseParties.organizationId })
        .from(caseParties)
        .where(eq(caseParties.caseId, caseRow.id));
      // Only the firms: a referring department is told through its own audience.
      return ofOrganizations([...new Set(parties.map((p) => p.id))], 'FIRM_REPRESENTATIVE');
    }
    case 'CASE_OFFICER':
      // Before a team is assigned, the lead reviewers (who assign it) hear instead.
      return caseRow.caseOfficerId ? [caseRow.caseOfficerId] : officeWith('LEAD_REVIEWER');
    case 'LEAD_REVIEWER':
      return caseRow.leadReviewerId ? [caseRow.leadReviewerId] : officeWith('LEAD_REVIEWER');
    case 'REVIEW_OFFICE':
      return [...new Set([...(await officeWith('CASE_OFFICER')), ...(await officeWith('LEAD_REVIEWER'))])];
    case 'CONSULTED_DEPARTMENTS': {
      const consulted = await db
        .select({ id: consultations.departmentId })
        .from(consultations)
        .where(eq(consultations.caseId, caseRow.id));
      return ofOrganizations([...new Set(consulted.map((c) => c.id))], 'LIAISON');
    }
    case 'DEPARTMENT': {
      const id = item('consultation');
      if (!id) return [];
      const [consultation] = await db
        .select({ departmentId: consultations.departmentId })
        .from(consultations)
        .where(eq(consultations.id, id));
      return ofOrganizations([consultation?.departmentId ?? null], 'LIAISON');
    }
    case 'INSTITUTE': {
      const id = item('assessment');
      const where: SQL = id
        ? eq(assessments.id, id)
        : and(eq(assessments.caseId, caseRow.id), notInArray(assessments.state, ['DECLINED', 'WITHDRAWN']))!;
      const invited = await db.select({ id: assessments.instituteId }).from(assessments).where(where);
      return ofOrganizations([...new Set(invited.map((a) => a.id))], 'ASSESSOR');
    }
    case 'APPEALS_PANEL': {
      const members = await db
        .select({ id: appealPanelMembers.personId })
        .from(appealPanelMembers)
        .innerJoin(appeals, eq(appeals.id, appealPanelMembers.appealId))
        .where(eq(appeals.caseId, caseRow.id));
      // Before a panel is composed, every panel member hears of the appeal.
      return members.length > 0 ? [...new Set(members.map((m) => m.id))] : officeWith('APPEALS_PANEL');
    }
  }
}

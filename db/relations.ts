/**
 * The whole schema and its relations (drizzle relational queries v2). The Pothos drizzle plugin
 * reads these to load nested lists in one query instead of one per row.
 */
import { defineRelations } from 'drizzle-orm';
import * as audit from './schema/audit.ts';
import * as cases from './schema/cases.ts';
import * as clocks from './schema/clocks.ts';
import * as decisions from './schema/decisions.ts';
import * as documents from './schema/documents.ts';
import * as knowledge from './schema/knowledge.ts';
import * as messaging from './schema/messaging.ts';
import * as organizations from './schema/organizations.ts';
import * as workItems from './schema/work-items.ts';

export const schema = {
  ...organizations,
  ...cases,
  ...workItems,
  ...decisions,
  ...documents,
  ...clocks,
  ...audit,
  ...messaging,
  ...knowledge,
};

export const relations = defineRelations(schema, (r) => ({
  organizations: {
    people: r.many.people(),
    filedCases: r.many.cases({ from: r.organizations.id, to: r.cases.filerOrganizationId }),
    partyTo: r.many.caseParties(),
  },
  people: {
    organization: r.one.organizations({ from: r.people.organizationId, to: r.organizations.id, optional: false }),
    roles: r.many.personRoles(),
  },
  serviceAccounts: {
    organization: r.one.organizations({
      from: r.serviceAccounts.organizationId,
      to: r.organizations.id,
      optional: false,
    }),
  },
  personRoles: {
    person: r.one.people({ from: r.personRoles.personId, to: r.people.id, optional: false }),
  },
  cases: {
    filer: r.one.organizations({ from: r.cases.filerOrganizationId, to: r.organizations.id }),
    caseOfficer: r.one.people({ from: r.cases.caseOfficerId, to: r.people.id }),
    leadReviewer: r.one.people({ from: r.cases.leadReviewerId, to: r.people.id }),
    regime: r.one.regimes({ from: r.cases.regimeId, to: r.regimes.id, optional: false }),
    refiledFrom: r.one.cases({ from: r.cases.refiledFromCaseId, to: r.cases.id }),
    currentClock: r.one.clocks({ from: r.cases.currentClockId, to: r.clocks.id }),
    parties: r.many.caseParties(),
    nodes: r.many.caseNodes(),
    notes: r.many.caseNotes(),
    consultations: r.many.consultations(),
    assessments: r.many.assessments(),
    informationRequests: r.many.informationRequests(),
    representationRequests: r.many.representationRequests(),
    documents: r.many.documents(),
    decisions: r.many.decisions(),
    conditions: r.many.conditions(),
    appeals: r.many.appeals(),
    clocks: r.many.clocks({ from: r.cases.id, to: r.clocks.caseId }),
  },
  caseParties: {
    case: r.one.cases({ from: r.caseParties.caseId, to: r.cases.id, optional: false }),
    organization: r.one.organizations({ from: r.caseParties.organizationId, to: r.organizations.id, optional: false }),
  },
  caseNodes: {
    case: r.one.cases({ from: r.caseNodes.caseId, to: r.cases.id, optional: false }),
    node: r.one.chainNodes({ from: r.caseNodes.nodeId, to: r.chainNodes.id, optional: false }),
  },
  caseNotes: {
    case: r.one.cases({ from: r.caseNotes.caseId, to: r.cases.id, optional: false }),
    author: r.one.people({ from: r.caseNotes.authorId, to: r.people.id, optional: false }),
  },
  consultations: {
    case: r.one.cases({ from: r.consultations.caseId, to: r.cases.id, optional: false }),
    department: r.one.organizations({ from: r.consultations.departmentId, to: r.organizations.id, optional: false }),
  },
  assessments: {
    case: r.one.cases({ from: r.assessments.caseId, to: r.cases.id, optional: false }),
    institute: r.one.organizations({ from: r.assessments.instituteId, to: r.organizations.id, optional: false }),
    conflictDeclarations: r.many.conflictDeclarations(),
  },
  conflictDeclarations: {
    assessment: r.one.assessments({
      from: r.conflictDeclarations.assessmentId,
      to: r.assessments.id,
      optional: false,
    }),
    person: r.one.people({ from: r.conflictDeclarations.personId, to: r.people.id, optional: false }),
  },
  informationRequests: {
    case: r.one.cases({ from: r.informationRequests.caseId, to: r.cases.id, optional: false }),
    addressedTo: r.one.organizations({
      from: r.informationRequests.addressedToOrganizationId,
      to: r.organizations.id,
      optional: false,
    }),
  },
  representationRequests: {
    case: r.one.cases({ from: r.representationRequests.caseId, to: r.cases.id, optional: false }),
    decision: r.one.decisions({ from: r.representationRequests.decisionId, to: r.decisions.id, optional: false }),
  },
  documents: {
    case: r.one.cases({ from: r.documents.caseId, to: r.cases.id, optional: false }),
    shares: r.many.documentShares(),
  },
  documentShares: {
    document: r.one.documents({ from: r.documentShares.documentId, to: r.documents.id, optional: false }),
  },
  decisions: {
    case: r.one.cases({ from: r.decisions.caseId, to: r.cases.id, optional: false }),
    conditions: r.many.conditions(),
  },
  conditions: {
    case: r.one.cases({ from: r.conditions.caseId, to: r.cases.id, optional: false }),
    decision: r.one.decisions({ from: r.conditions.decisionId, to: r.decisions.id, optional: false }),
    complianceReports: r.many.complianceReports(),
  },
  complianceReports: {
    condition: r.one.conditions({ from: r.complianceReports.conditionId, to: r.conditions.id, optional: false }),
  },
  appeals: {
    case: r.one.cases({ from: r.appeals.caseId, to: r.cases.id, optional: false }),
    decision: r.one.decisions({ from: r.appeals.decisionId, to: r.decisions.id, optional: false }),
    panel: r.many.appealPanelMembers(),
  },
  appealPanelMembers: {
    appeal: r.one.appeals({ from: r.appealPanelMembers.appealId, to: r.appeals.id, optional: false }),
    person: r.one.people({ from: r.appealPanelMembers.personId, to: r.people.id, optional: false }),
  },
  calendars: {
    years: r.many.calendarYears({ from: r.calendars.id, to: r.calendarYears.calendarId }),
    days: r.many.calendarDays({ from: r.calendars.id, to: r.calendarDays.calendarId }),
  },
  regimes: {
    calendar: r.one.calendars({ from: r.regimes.calendarId, to: r.calendars.id, optional: false }),
  },
  clocks: {
    case: r.one.cases({ from: r.clocks.caseId, to: r.cases.id, optional: false }),
    regime: r.one.regimes({ from: r.clocks.regimeId, to: r.regimes.id, optional: false }),
    pauses: r.many.clockPauses(),
  },
  clockPauses: {
    clock: r.one.clocks({ from: r.clockPauses.clockId, to: r.clocks.id, optional: false }),
  },
  industryChains: {
    nodes: r.many.chainNodes(),
    committees: r.many.industryCommittees(),
  },
  chainNodes: {
    chain: r.one.industryChains({ from: r.chainNodes.chainId, to: r.industryChains.id, optional: false }),
    parent: r.one.chainNodes({ from: r.chainNodes.parentId, to: r.chainNodes.id, alias: 'tree' }),
    children: r.many.chainNodes({ from: r.chainNodes.id, to: r.chainNodes.parentId, alias: 'tree' }),
    supplyLinks: r.many.supplyLinks(),
    keyTechnologies: r.many.keyTechnologies(),
  },
  suppliers: {
    organization: r.one.organizations({ from: r.suppliers.organizationId, to: r.organizations.id }),
    supplyLinks: r.many.supplyLinks(),
  },
  supplyLinks: {
    node: r.one.chainNodes({ from: r.supplyLinks.nodeId, to: r.chainNodes.id, optional: false }),
    supplier: r.one.suppliers({ from: r.supplyLinks.supplierId, to: r.suppliers.id, optional: false }),
    reportedBy: r.one.organizations({
      from: r.supplyLinks.reportedByOrganizationId,
      to: r.organizations.id,
      optional: false,
    }),
  },
  industryCommittees: {
    leadDepartment: r.one.organizations({
      from: r.industryCommittees.leadDepartmentId,
      to: r.organizations.id,
      optional: false,
    }),
    chain: r.one.industryChains({ from: r.industryCommittees.chainId, to: r.industryChains.id }),
    keyTechnologies: r.many.keyTechnologies(),
  },
  keyTechnologies: {
    node: r.one.chainNodes({ from: r.keyTechnologies.nodeId, to: r.chainNodes.id, optional: false }),
    committee: r.one.industryCommittees({
      from: r.keyTechnologies.committeeId,
      to: r.industryCommittees.id,
      optional: false,
    }),
  },
}));

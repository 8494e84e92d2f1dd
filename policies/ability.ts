/**
 * Who may do what (design §1–2), as CASL rules built once per request from the actor's roles,
 * organisation and clearance. Lists are filtered in SQL by the same rules (rules-to-sql.ts), so a
 * page, a cursor or a total never reveals a row the rules would refuse.
 *
 * Rows are granted with conditions; fields are taken away with unconditional `cannot` rules that
 * name them, so a field check needs only the object's type. Case visibility rests on facts held in
 * other tables (parties, consultations, assessments, conflict declarations); they appear here as
 * array fields of the Case subject (`partyOrganizationIds`, …) and in SQL as sub-queries.
 */
import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { Actor, PersonActor, ServiceAccountActor } from '../vocabulary/actor.ts';
import { type ClearanceLevel, clearanceLevels, type Role } from '../vocabulary/terms.ts';

/** `transition` is sending a workflow event to a case; the definition then says which events and when. */
export const actions = ['manage', 'read', 'create', 'update', 'assign', 'transition'] as const;
export type Action = (typeof actions)[number];

/** Every kind of object the rules speak about. Adding one means adding its rows to the authorisation matrix. */
export const subjectTypes = [
  'Case',
  'Organization',
  'Person',
  'ServiceAccount',
  'IndustryChain',
  'ChainNode',
  'Regime',
  'Calendar',
  'AuditEntry',
  'Decision',
  'Appeal',
  'Condition',
  'Assessment',
  'Document',
  'Consultation',
  'InformationRequest',
  'Supplier',
  'SupplyLink',
  'IndustryCommittee',
  'KeyTechnology',
  'Report',
  /** A job of the outbox that ran out of attempts (dead letter): administrators see and retry it. */
  'Job',
  /** Who read which CONFIDENTIAL or SECRET document (design §2): the `document.read` entries' reader. */
  'DocumentReadLog',
] as const;
export type SubjectType = (typeof subjectTypes)[number];

/** A loaded object tagged with its type (CASL's `subject(type, row)`), one member per type. */
export type TaggedSubject = { [K in SubjectType]: ForcedSubject<K> & Record<string, unknown> }[SubjectType];
export type Subject = SubjectType | 'all' | TaggedSubject;
/** Conditions are plain Mongo-style queries over the subject's fields (columns and fact arrays). */
export type AppAbility = MongoAbility<[Action, Subject], MongoQuery>;

/** Case fields a party (a firm) never reads: the office's internal assessment of the risk (design §2). */
export const caseFieldsHiddenFromParties = [
  'riskScore',
  'riskGrade',
  'riskExplanation',
  'riskPolicyVersion',
  'riskOverrideReason',
  'riskReassessment',
  'suggestedClassification',
  'classificationReason',
] as const;

/** Decisions that were issued to the parties: in force, or later set aside or varied on appeal. */
const issuedDecisionStates = ['APPROVED', 'SET_ASIDE', 'SUPERSEDED'];

/** Decision fields for the office, auditors and the panel only: parties read the notice text (design §3). */
export const decisionFieldsInternal = ['reasons', 'openWorkReason', 'sentBackReason'] as const;

/**
 * Node metrics aggregate the supplier lists firms report in confidence: the office, auditors and the
 * committees' departments read them; firms, institutes and administrators do not (design §6).
 */
export const chainNodeFieldsForReviewers = ['metrics'] as const;

/** Person fields visible only to the office and to the person's own organisation. */
export const personContactFields = ['email', 'clearance', 'status', 'roles'] as const;

/** Fields some role may not read, per subject type: the API makes them nullable and reads them as null. */
export const restrictedFields: Partial<Record<SubjectType, readonly string[]>> = {
  Case: caseFieldsHiddenFromParties,
  Person: personContactFields,
  Decision: decisionFieldsInternal,
  ChainNode: chainNodeFieldsForReviewers,
};

/** Clearance levels at or below `level`. */
export const levelsUpTo = (level: ClearanceLevel): ClearanceLevel[] =>
  clearanceLevels.slice(0, clearanceLevels.indexOf(level) + 1);

type Builder = AbilityBuilder<AppAbility>;
type Member = PersonActor | ServiceAccountActor;

/**
 * Rules every signed-in person or system account gets: the shared directory, the regimes and their
 * calendars (published holiday schedules: every party's deadlines are counted on them).
 */
function signedIn({ can, cannot }: Builder, actor: Member) {
  can('read', 'Organization');
  can('read', 'Person');
  cannot('read', 'Person', [...personContactFields], { organizationId: { $ne: actor.organizationId } });
  can('read', ['Regime', 'Calendar']);
  can('read', 'IndustryChain');
  can('read', 'ChainNode');
  // The knowledge base's reference data; supply links are read per role below (design §6).
  can('read', ['Supplier', 'IndustryCommittee', 'KeyTechnology']);
}

/** Office case staff edit the whole knowledge base, the links firms reported included (design §6). */
const knowledgeBaseEditor = ({ can }: Builder) => {
  can(['read', 'create', 'update'], ['IndustryChain', 'ChainNode', 'Supplier', 'SupplyLink']);
  can(['read', 'create', 'update'], ['IndustryCommittee', 'KeyTechnology']);
  can('read', 'Report');
};

/**
 * A filed case within the actor's clearance: never a firm's draft (confidential pre-filing), never a
 * discarded one (kept, hidden).
 */
const filedWithinClearance = (actor: Member) => ({
  state: { $ne: 'DRAFT' },
  discardedAt: null,
  confidentiality: { $in: levelsUpTo(actor.clearance) },
});

/** Office staff who work cases: every filed case within their clearance, its assessments and documents. */
function officeCaseReader({ can }: Builder, actor: Member) {
  can('read', 'Case', filedWithinClearance(actor));
  // Every department's opinion and every request to a party on those cases.
  can('read', ['Consultation', 'InformationRequest'], { caseConfidentiality: { $in: levelsUpTo(actor.clearance) } });
  can('read', 'Assessment', { caseConfidentiality: { $in: levelsUpTo(actor.clearance) } });
  can('read', 'Document', {
    caseConfidentiality: { $in: levelsUpTo(actor.clearance) },
    classification: { $in: levelsUpTo(actor.clearance) },
  });
  // Decisions, appeals and conditions of the cases they read (rows reached through a readable case),
  // and the case's audit trail: the office sees the whole timeline of its cases (design §2).
  can('read', ['Decision', 'Appeal', 'Condition']);
  can('read', 'AuditEntry', { chain: { $ne: 'admin' } });
  // Office colleagues' contact details are not secret inside the office.
  can('read', 'Person', [...personContactFields]);
}

/**
 * Outside the office a document is seen only when it was shared with the organisation or uploaded
 * by it, never above the person's clearance (the case's own visibility is checked as well).
 */
function outsideDocumentReader(can: Builder['can'], actor: Member) {
  const classification = { $in: levelsUpTo(actor.clearance) };
  can('read', 'Document', { sharedOrganizationIds: actor.organizationId, classification });
  can('read', 'Document', { uploaderOrganizationIds: actor.organizationId, classification });
  // Outsiders add to the case file, but never above INTERNAL: the office classifies higher.
  can('create', 'Document', { classification: { $in: levelsUpTo('INTERNAL') } });
}

/** The rules of each role; a person with several roles gets the union. */
export const rolePermissions: Record<Role, (builder: Builder, actor: Member) => void> = {
  CASE_OFFICER(builder, actor) {
    officeCaseReader(builder, actor);
    builder.can('create', 'Case', { origin: { $in: ['EX_OFFICIO', 'DEPARTMENT_REFERRAL'] } });
    builder.can(['update', 'transition'], 'Case', filedWithinClearance(actor));
    knowledgeBaseEditor(builder);
    builder.can('create', 'Assessment');
    builder.can('create', 'Document', { classification: { $in: levelsUpTo(actor.clearance) } });
  },
  LEAD_REVIEWER(builder, actor) {
    officeCaseReader(builder, actor);
    builder.can('create', 'Case', { origin: { $in: ['EX_OFFICIO', 'DEPARTMENT_REFERRAL'] } });
    builder.can(['update', 'transition', 'assign'], 'Case', filedWithinClearance(actor));
    knowledgeBaseEditor(builder);
    builder.can('create', 'Assessment');
    builder.can('create', 'Document', { classification: { $in: levelsUpTo(actor.clearance) } });
  },
  APPEALS_PANEL(builder, actor) {
    officeCaseReader(builder, actor);
    // The panel rules on appeals; the workflow lets it send only those events.
    builder.can('transition', 'Case', filedWithinClearance(actor));
    builder.can('read', ['SupplyLink', 'Report']);
  },
  AUDITOR(builder, actor) {
    // Everything, read-only, including the audit trail (design §2).
    officeCaseReader(builder, actor);
    builder.can('read', ['ServiceAccount', 'AuditEntry', 'DocumentReadLog']);
    builder.can('read', ['SupplyLink', 'Report']);
  },
  ADMIN({ can, cannot }) {
    // Accounts, calendars and reference data; no case content and no decisions (design §1).
    can('read', 'Person', [...personContactFields]);
    can(['read', 'create', 'update'], ['Person', 'Organization', 'ServiceAccount', 'Calendar', 'Regime']);
    can('read', 'AuditEntry', { chain: 'admin' });
    // Operations: dead jobs are listed by topic and error only, never with their payload.
    can(['read', 'update'], 'Job');
    // The knowledge base's reference data, never the links firms report nor what they add up to.
    can(['create', 'update'], ['IndustryChain', 'ChainNode', 'Supplier', 'IndustryCommittee']);
    cannot('read', 'ChainNode', [...chainNodeFieldsForReviewers]);
  },
  LIAISON({ can, cannot }, actor) {
    // Cases on which the department was consulted (design §2).
    can('read', 'Case', { consultedDepartmentIds: actor.organizationId, ...filedWithinClearance(actor) });
    // Its own department's consultation and, once submitted, the other departments' opinions on a case
    // it was consulted on (design §2: information sharing is the point) — within its clearance.
    const caseWithinClearance = { caseConfidentiality: { $in: levelsUpTo(actor.clearance) } };
    can('read', 'Consultation', { departmentId: actor.organizationId, ...caseWithinClearance });
    can('read', 'Consultation', {
      state: 'RESPONDED',
      caseConsultedDepartmentIds: actor.organizationId,
      ...caseWithinClearance,
    });
    // The decisions issued on a case they see (they are told of them), without the internal reasons.
    can('read', 'Decision', { state: { $in: issuedDecisionStates } });
    cannot('read', 'Decision', [...decisionFieldsInternal]);
    // Never an institute's assessment (no Assessment rule); documents shared with the department.
    outsideDocumentReader(can, actor);
    // The key-technology list of the committees the department leads (design §6).
    can(['create', 'update'], 'KeyTechnology', { committeeLeadDepartmentId: actor.organizationId });
  },
  FIRM_REPRESENTATIVE({ can, cannot }, actor) {
    // Cases where the firm is a party; its own drafts, which nobody else sees.
    // Parties see their case whatever its classification: it is their own matter (design §2).
    can('read', 'Case', { partyOrganizationIds: actor.organizationId, state: { $ne: 'DRAFT' }, discardedAt: null });
    can('read', 'Case', { filerOrganizationId: actor.organizationId, state: 'DRAFT', discardedAt: null });
    can('create', 'Case', { origin: 'FIRM_FILING', filerOrganizationId: actor.organizationId });
    can('update', 'Case', { filerOrganizationId: actor.organizationId, state: 'DRAFT', discardedAt: null });
    // The filer submits, withdraws and appeals its own case; the workflow says which and when.
    can('transition', 'Case', { filerOrganizationId: actor.organizationId, discardedAt: null });
    // Requests for information addressed to the firm; never a department's opinion (no Consultation rule).
    can('read', 'InformationRequest', { addressedToOrganizationId: actor.organizationId });
    cannot('read', 'Case', [...caseFieldsHiddenFromParties]);
    // The decision in force, its conditions and the appeal on their case — never the internal reasons
    // nor a proposal still under deliberation (a proposal reaches them as a representation request).
    can('read', 'Decision', { state: { $in: issuedDecisionStates } });
    cannot('read', 'Decision', [...decisionFieldsInternal]);
    can('read', ['Appeal', 'Condition']);
    // Never an assessment (design §2: no Assessment rule); documents shared with or uploaded by the firm.
    outsideDocumentReader(can, actor);
    // The supply links the firm reported, nobody else's (design §6); suppliers it names are registered.
    can(['read', 'create', 'update'], 'SupplyLink', { reportedByOrganizationId: actor.organizationId });
    can('create', 'Supplier');
    cannot('read', 'ChainNode', [...chainNodeFieldsForReviewers]);
  },
  ASSESSOR({ can, cannot }, actor) {
    // Cases the institute was invited to, unless this assessor declared a conflict (declared per person).
    can('read', 'Case', { assessingInstituteIds: actor.organizationId, ...filedWithinClearance(actor) });
    if (actor.kind === 'PERSON') cannot('read', 'Case', { conflictedPersonIds: actor.personId });
    // Their institute's own assessment, as long as the case is visible to them (a declined one is not).
    can('read', 'Assessment', {
      instituteId: actor.organizationId,
      state: { $ne: 'DECLINED' },
      caseConfidentiality: { $in: levelsUpTo(actor.clearance) },
    });
    if (actor.kind === 'PERSON') cannot('read', 'Assessment', { caseConflictedPersonIds: actor.personId });
    outsideDocumentReader(can, actor);
    cannot('read', 'ChainNode', [...chainNodeFieldsForReviewers]);
  },
};

/** Builds the ability of an actor. Prefer `abilityOf`, which builds it once per actor (per request). */
export function defineAbilityFor(actor: Actor): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  if (actor.kind === 'SYSTEM') {
    // Clock expiries, the seed and maintenance scripts; still audited as the system.
    builder.can('manage', 'all');
    return builder.build();
  }
  signedIn(builder, actor);
  for (const role of actor.roles) {
    const grant = rolePermissions[role];
    if (!grant) throw new Error(`unknown role ${role}`);
    grant(builder, actor);
  }
  // Separation of duties (design §1): whatever else they hold, an auditor changes nothing.
  if (actor.roles.includes('AUDITOR')) {
    builder.cannot(['create', 'update', 'assign', 'transition'], 'all');
  }
  return builder.build();
}

const cache = new WeakMap<Actor, AppAbility>();

/** The actor's ability, built once: an actor object lives for one request. */
export function abilityOf(actor: Actor): AppAbility {
  let ability = cache.get(actor);
  if (!ability) {
    ability = defineAbilityFor(actor);
    cache.set(actor, ability);
  }
  return ability;
}

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
import type { Actor, PersonActor, ServiceAccountActor } from '../src/domain/actor.ts';
import { type ClearanceLevel, clearanceLevels, type Role } from '../src/domain/vocabulary.ts';

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
  'classificationReason',
] as const;

/** Person fields visible only to the office and to the person's own organisation. */
export const personContactFields = ['email', 'clearance', 'status', 'roles'] as const;

/** Fields some role may not read, per subject type: the API makes them nullable and reads them as null. */
export const restrictedFields: Partial<Record<SubjectType, readonly string[]>> = {
  Case: caseFieldsHiddenFromParties,
  Person: personContactFields,
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
}

/**
 * A filed case within the actor's clearance: never a firm's draft (confidential pre-filing), never a
 * discarded one (kept, hidden).
 */
const filedWithinClearance = (actor: Member) => ({
  state: { $ne: 'DRAFT' },
  discardedAt: null,
  confidentiality: { $in: levelsUpTo(actor.clearance) },
});

/** Office staff who work cases: every filed case within their clearance. */
function officeCaseReader({ can }: Builder, actor: Member) {
  can('read', 'Case', filedWithinClearance(actor));
  // Office colleagues' contact details are not secret inside the office.
  can('read', 'Person', [...personContactFields]);
}

/** The rules of each role; a person with several roles gets the union. */
export const rolePermissions: Record<Role, (builder: Builder, actor: Member) => void> = {
  CASE_OFFICER(builder, actor) {
    officeCaseReader(builder, actor);
    builder.can('create', 'Case', { origin: { $in: ['EX_OFFICIO', 'DEPARTMENT_REFERRAL'] } });
    builder.can(['update', 'transition'], 'Case', filedWithinClearance(actor));
    builder.can(['create', 'update'], ['IndustryChain', 'ChainNode']);
  },
  LEAD_REVIEWER(builder, actor) {
    officeCaseReader(builder, actor);
    builder.can('create', 'Case', { origin: { $in: ['EX_OFFICIO', 'DEPARTMENT_REFERRAL'] } });
    builder.can(['update', 'transition', 'assign'], 'Case', filedWithinClearance(actor));
    builder.can(['create', 'update'], ['IndustryChain', 'ChainNode']);
  },
  APPEALS_PANEL(builder, actor) {
    officeCaseReader(builder, actor);
    // The panel rules on appeals; the workflow lets it send only those events.
    builder.can('transition', 'Case', filedWithinClearance(actor));
  },
  AUDITOR(builder, actor) {
    // Everything, read-only, including the audit trail (design §2).
    officeCaseReader(builder, actor);
    builder.can('read', ['ServiceAccount', 'AuditEntry']);
  },
  ADMIN({ can }) {
    // Accounts, calendars and reference data; no case content and no decisions (design §1).
    can('read', 'Person', [...personContactFields]);
    can(['read', 'create', 'update'], ['Person', 'Organization', 'ServiceAccount', 'Calendar', 'Regime']);
    can('read', 'AuditEntry', { chain: 'admin' });
  },
  LIAISON({ can }, actor) {
    // Cases on which the department was consulted (design §2).
    can('read', 'Case', { consultedDepartmentIds: actor.organizationId, ...filedWithinClearance(actor) });
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
    cannot('read', 'Case', [...caseFieldsHiddenFromParties]);
  },
  ASSESSOR({ can, cannot }, actor) {
    // Cases the institute was invited to, unless this assessor declared a conflict (declared per person).
    can('read', 'Case', { assessingInstituteIds: actor.organizationId, ...filedWithinClearance(actor) });
    if (actor.kind === 'PERSON') cannot('read', 'Case', { conflictedPersonIds: actor.personId });
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

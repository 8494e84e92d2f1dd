/** Outcomes of the rules (not the rules themselves): what each kind of actor may do. */
import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';
import { abilityOf, defineAbilityFor } from '../../policies/ability.ts';
import { canReadField } from '../../policies/field-access.ts';
import { type PersonActor, systemActor } from '../../vocabulary/actor.ts';
import type { ClearanceLevel, OrganizationKind, Role } from '../../vocabulary/terms.ts';

const person = (
  roles: Role[],
  organizationKind: OrganizationKind,
  clearance: ClearanceLevel = 'SECRET',
): PersonActor => ({
  kind: 'PERSON',
  personId: 'p-1',
  organizationId: 'org-1',
  organizationKind,
  roles,
  clearance,
});

const filedCase = { state: 'REVIEW', confidentiality: 'CONFIDENTIAL', discardedAt: null, filerOrganizationId: 'org-9' };
const caseWith = (fields: Record<string, unknown>) => subject('Case', fields);
const aCase = (facts: Record<string, unknown> = {}) =>
  caseWith({
    ...filedCase,
    partyOrganizationIds: [],
    consultedDepartmentIds: [],
    assessingInstituteIds: [],
    conflictedPersonIds: [],
    ...facts,
  });

describe('separation of duties', () => {
  describe('when the actor is an administrator', () => {
    const ability = defineAbilityFor(person(['ADMIN'], 'REVIEW_OFFICE'));
    it('manages accounts', () => {
      expect(ability.can('create', 'Person')).toBe(true);
      expect(ability.can('update', 'Person')).toBe(true);
      expect(ability.can('create', 'ServiceAccount')).toBe(true);
    });
    it('cannot read, create, update or assign a case', () => {
      for (const action of ['read', 'create', 'update', 'assign'] as const)
        expect(ability.can(action, aCase())).toBe(false);
    });
  });

  describe('when the actor is an auditor', () => {
    const ability = defineAbilityFor(person(['AUDITOR'], 'REVIEW_OFFICE'));
    it('reads cases and the audit trail', () => {
      expect(ability.can('read', aCase())).toBe(true);
      expect(ability.can('read', 'AuditEntry')).toBe(true);
    });
    it('changes nothing, even holding another role', () => {
      const both = defineAbilityFor(person(['AUDITOR', 'CASE_OFFICER'], 'REVIEW_OFFICE'));
      for (const a of [ability, both]) {
        expect(a.can('update', aCase())).toBe(false);
        expect(a.can('create', caseWith({ origin: 'EX_OFFICIO' }))).toBe(false);
        expect(a.can('update', 'Person')).toBe(false);
      }
    });
  });

  it('only a lead reviewer assigns the case team', () => {
    expect(defineAbilityFor(person(['LEAD_REVIEWER'], 'REVIEW_OFFICE')).can('assign', aCase())).toBe(true);
    expect(defineAbilityFor(person(['CASE_OFFICER'], 'REVIEW_OFFICE')).can('assign', aCase())).toBe(false);
  });
});

describe('cases', () => {
  it('a firm files only for itself, the office opens cases only ex officio or on referral', () => {
    const firm = defineAbilityFor(person(['FIRM_REPRESENTATIVE'], 'FIRM'));
    expect(firm.can('create', caseWith({ origin: 'FIRM_FILING', filerOrganizationId: 'org-1' }))).toBe(true);
    expect(firm.can('create', caseWith({ origin: 'FIRM_FILING', filerOrganizationId: 'org-2' }))).toBe(false);
    expect(firm.can('create', caseWith({ origin: 'EX_OFFICIO' }))).toBe(false);
    const officer = defineAbilityFor(person(['CASE_OFFICER'], 'REVIEW_OFFICE'));
    expect(officer.can('create', caseWith({ origin: 'EX_OFFICIO' }))).toBe(true);
    expect(officer.can('create', caseWith({ origin: 'FIRM_FILING', filerOrganizationId: 'org-1' }))).toBe(false);
  });

  it.each([
    ['PUBLIC', true],
    ['CONFIDENTIAL', true],
    ['SECRET', false],
  ] as const)('an officer with CONFIDENTIAL clearance reads a %s case: %s', (confidentiality, expected) => {
    const officer = defineAbilityFor(person(['CASE_OFFICER'], 'REVIEW_OFFICE', 'CONFIDENTIAL'));
    expect(officer.can('read', aCase({ confidentiality }))).toBe(expected);
  });

  it('nobody in the office reads a draft or a discarded case', () => {
    const officer = defineAbilityFor(person(['CASE_OFFICER'], 'REVIEW_OFFICE'));
    expect(officer.can('read', aCase({ state: 'DRAFT' }))).toBe(false);
    expect(officer.can('read', aCase({ state: 'CLOSED', discardedAt: new Date() }))).toBe(false);
  });

  it('an assessor’s own conflict hides the case, a colleague’s does not', () => {
    const assessor = defineAbilityFor(person(['ASSESSOR'], 'INSTITUTE'));
    expect(assessor.can('read', aCase({ assessingInstituteIds: ['org-1'] }))).toBe(true);
    expect(assessor.can('read', aCase({ assessingInstituteIds: ['org-1'], conflictedPersonIds: ['p-1'] }))).toBe(false);
    expect(assessor.can('read', aCase({ assessingInstituteIds: ['org-1'], conflictedPersonIds: ['p-2'] }))).toBe(true);
  });
});

describe('fields of objects the caller sees', () => {
  it('firms never read risk scores; the office does', () => {
    const firm = defineAbilityFor(person(['FIRM_REPRESENTATIVE'], 'FIRM'));
    const office = defineAbilityFor(person(['CASE_OFFICER'], 'REVIEW_OFFICE'));
    expect(canReadField(firm, 'Case', filedCase, 'riskScore')).toBe(false);
    expect(canReadField(firm, 'Case', filedCase, 'title')).toBe(true);
    expect(canReadField(office, 'Case', filedCase, 'riskScore')).toBe(true);
  });

  it('contact details are read within the office and one’s own organisation', () => {
    const firm = defineAbilityFor(person(['FIRM_REPRESENTATIVE'], 'FIRM'));
    expect(canReadField(firm, 'Person', { organizationId: 'org-1' }, 'email')).toBe(true);
    expect(canReadField(firm, 'Person', { organizationId: 'org-2' }, 'email')).toBe(false);
    expect(canReadField(firm, 'Person', { organizationId: 'org-2' }, 'displayName')).toBe(true);
    const admin = defineAbilityFor(person(['ADMIN'], 'REVIEW_OFFICE'));
    expect(canReadField(admin, 'Person', { organizationId: 'org-2' }, 'email')).toBe(true);
  });
});

describe('building abilities', () => {
  it('builds once per actor object (per request)', () => {
    const actor = person(['CASE_OFFICER'], 'REVIEW_OFFICE');
    expect(abilityOf(actor)).toBe(abilityOf(actor));
    expect(abilityOf({ ...actor })).not.toBe(abilityOf(actor));
  });

  it('fails fast on an unknown role', () => {
    expect(() => defineAbilityFor(person(['WIZARD' as Role], 'REVIEW_OFFICE'))).toThrow(/unknown role WIZARD/);
  });

  it('lets the system do everything, audited as the system', () => {
    expect(defineAbilityFor(systemActor('clock')).can('update', aCase())).toBe(true);
  });
});

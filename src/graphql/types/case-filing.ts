/**
 * Creating cases and staffing them: a firm's draft filing, a case the office opens itself (ex
 * officio or on a department's referral), and the case team a lead reviewer assigns.
 */
import { assignCaseTeam } from '../../domain/cases/assign-case-team.ts';
import { createFiling, openCase, refileCase } from '../../domain/cases/case-filing.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { idempotencyKeyField, runMutation } from '../mutation.ts';
import { CaseSubjectEnum, ClearanceLevelEnum, PartyRoleEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';

const CaseChangedRef = builder.objectRef<{ caseId: string }>('CaseChanged').implement({
  description: 'The case as it stands after the change.',
  fields: (t) => ({
    case: t.drizzleField({
      type: 'cases',
      description: 'The case.',
      resolve: async (query, payload, _args, ctx) =>
        (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
    }),
  }),
});

const CasePartyInput = builder.inputType('CasePartyInput', {
  description: 'An organisation taking part in the case, and how.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'Global ID of the organisation.' }),
    role: t.field({ type: PartyRoleEnum, required: true, description: 'How it takes part.' }),
  }),
});

const caseContentFields = {
  title: { description: 'Short title (at least 5 characters).' },
  summary: { description: 'What the case is about.' },
} as const;

const CreateFilingInput = builder.inputType('CreateFilingInput', {
  description: 'A firm’s filing, created as a confidential draft without a reference number.',
  fields: (t) => ({
    filerOrganizationId: t.id({ required: true, description: 'Global ID of the filing firm (your own).' }),
    title: t.string({ required: true, ...caseContentFields.title }),
    summary: t.string({ required: false, ...caseContentFields.summary }),
    subject: t.field({ type: CaseSubjectEnum, required: true, description: 'The event or action the case is about.' }),
    confidentiality: t.field({
      type: ClearanceLevelEnum,
      required: false,
      description: 'Classification (default CONFIDENTIAL).',
    }),
    parties: t.field({ type: [CasePartyInput], required: false, description: 'Other parties; the filer is added.' }),
    nodeIds: t.idList({ required: false, description: 'Global IDs of the chain nodes concerned.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const OpenCaseInput = builder.inputType('OpenCaseInput', {
  description: 'A case the office opens itself, straight into screening.',
  fields: (t) => ({
    referringDepartmentId: t.id({
      required: false,
      description: 'Global ID of the department whose referral this is; omit for an ex-officio case.',
    }),
    title: t.string({ required: true, ...caseContentFields.title }),
    summary: t.string({ required: false, ...caseContentFields.summary }),
    subject: t.field({ type: CaseSubjectEnum, required: true, description: 'The event or action the case is about.' }),
    confidentiality: t.field({
      type: ClearanceLevelEnum,
      required: false,
      description: 'Classification (default CONFIDENTIAL).',
    }),
    parties: t.field({ type: [CasePartyInput], required: false, description: 'The parties.' }),
    nodeIds: t.idList({ required: false, description: 'Global IDs of the chain nodes concerned.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const AssignCaseTeamInput = builder.inputType('AssignCaseTeamInput', {
  description: 'The case officer and lead reviewer of a case.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the case.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read.' }),
    caseOfficerId: t.id({ required: true, description: 'Global ID of a person holding CASE_OFFICER.' }),
    leadReviewerId: t.id({ required: true, description: 'Global ID of a person holding LEAD_REVIEWER.' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail (a reassignment).' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

const content = (input: {
  title: string;
  summary?: string | null;
  subject: (typeof CaseSubjectEnum)['$inferType'];
  confidentiality?: (typeof ClearanceLevelEnum)['$inferType'] | null;
  parties?: readonly { organizationId: string; role: (typeof PartyRoleEnum)['$inferType'] }[] | null;
  nodeIds?: readonly (string | number)[] | null;
}) => ({
  title: input.title,
  summary: input.summary ?? undefined,
  subject: input.subject,
  confidentiality: input.confidentiality ?? undefined,
  parties: (input.parties ?? []).map((p, i) => ({
    organizationId: decodeId(p.organizationId, 'Organization', `parties.${i}.organizationId`),
    role: p.role,
  })),
  nodeIds: (input.nodeIds ?? []).map((id, i) => decodeId(String(id), 'ChainNode', `nodeIds.${i}`)),
});

builder.mutationField('createFiling', (t) =>
  t.field({
    type: CaseChangedRef,
    description: 'A firm starts a filing: a confidential draft only the firm sees, without a reference number.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateFilingInput, required: true, description: 'The filing.' }) },
    resolve: (_root, { input }, ctx) => {
      const data = {
        filerOrganizationId: decodeId(input.filerOrganizationId, 'Organization', 'filerOrganizationId'),
        ...content(input),
      };
      return runMutation(
        ctx,
        { operation: 'createFiling', idempotencyKey: input.idempotencyKey, input: data },
        async (tx) => ({ caseId: (await createFiling(tx, ctx.actor!, data, ctx.now)).id }),
      );
    },
  }),
);

builder.mutationField('openCase', (t) =>
  t.field({
    type: CaseChangedRef,
    description:
      'The office opens a case ex officio or on a department’s referral: it gets its reference and screening starts.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: OpenCaseInput, required: true, description: 'The case.' }) },
    resolve: (_root, { input }, ctx) => {
      const referral = input.referringDepartmentId
        ? decodeId(input.referringDepartmentId, 'Organization', 'referringDepartmentId')
        : undefined;
      const data = {
        origin: referral ? ('DEPARTMENT_REFERRAL' as const) : ('EX_OFFICIO' as const),
        ...(referral ? { referringDepartmentId: referral } : {}),
        ...content(input),
      };
      return runMutation(
        ctx,
        { operation: 'openCase', idempotencyKey: input.idempotencyKey, input: data },
        async (tx) => ({ caseId: (await openCase(tx, ctx.actor!, data, ctx.now)).id }),
      );
    },
  }),
);

const RefileCaseInput = builder.inputType('RefileCaseInput', {
  description: 'A withdrawn filing to refile as a new, linked draft.',
  fields: (t) => ({
    caseId: t.id({ required: true, description: 'Global ID of the withdrawn case.' }),
    title: t.string({ required: false, description: "A new title; the withdrawn case's title by default." }),
    summary: t.string({ required: false, description: "A new summary; the withdrawn case's summary by default." }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('refileCase', (t) =>
  t.field({
    type: CaseChangedRef,
    description:
      'The filer refiles a withdrawn case: a new draft with the same subject, parties and nodes, linked to the withdrawn one (`refiledFrom`); submit it to file it.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RefileCaseInput, required: true, description: 'The case to refile.' }) },
    resolve: (_root, { input }, ctx) => {
      const data = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        title: input.title ?? undefined,
        summary: input.summary ?? undefined,
      };
      return runMutation(
        ctx,
        { operation: 'refileCase', idempotencyKey: input.idempotencyKey, input: data },
        async (tx) => ({ caseId: (await refileCase(tx, ctx.actor!, data, ctx.now)).id }),
      );
    },
  }),
);

builder.mutationField('assignCaseTeam', (t) =>
  t.field({
    type: CaseChangedRef,
    description: 'A lead reviewer assigns or reassigns the case officer and lead reviewer of a case.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AssignCaseTeamInput, required: true, description: 'The team.' }) },
    resolve: (_root, { input }, ctx) => {
      const data = {
        caseId: decodeId(input.caseId, 'Case', 'caseId'),
        expectedVersion: input.expectedVersion,
        caseOfficerId: decodeId(input.caseOfficerId, 'Person', 'caseOfficerId'),
        leadReviewerId: decodeId(input.leadReviewerId, 'Person', 'leadReviewerId'),
        reason: input.reason ?? undefined,
      };
      return runMutation(
        ctx,
        { operation: 'assignCaseTeam', idempotencyKey: input.idempotencyKey, input: data },
        async (tx) => ({ caseId: (await assignCaseTeam(tx, ctx.actor!, data, ctx.now)).id }),
      );
    },
  }),
);

import { and, eq, ilike, inArray, isNotNull, isNull, lt, lte, not, or, type SQL, sql } from 'drizzle-orm';
import { createGraphQLError } from 'graphql-yoga';
import { caseParties, cases } from '../../../db/schema/cases.ts';
import { regimes } from '../../../db/schema/clocks.ts';
import { consultations } from '../../../db/schema/work-items.ts';
import { caseStates, type KeyDimension, type SecurityType, type Strategy } from '../../../vocabulary/terms.ts';
import { caseSubjectFields, consultationSubjectFields } from '../../domain/access/subject-fields.ts';
import { dueWithinCutoff, maxDueWithinWorkingDays } from '../../domain/calendars/due-cutoff.ts';
import { requestCalendars } from '../../domain/calendars/request-calendars.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeIdOrNull } from '../global-id.ts';
import { readableWhere } from '../visibility.ts';
import {
  CapabilityEnum,
  CaseOriginEnum,
  CaseStateEnum,
  CaseSubjectEnum,
  ClearanceLevelEnum,
  KeyDimensionEnum,
  PartyRoleEnum,
  RiskGradeEnum,
  SecurityTypeEnum,
  StrategyEnum,
  SubStrategyEnum,
  TechnologyMaturityEnum,
} from './enums.ts';
import { ChainNodeRef } from './knowledge.ts';

export const RegimeRef = builder.drizzleNode('regimes', {
  name: 'Regime',
  description: 'A versioned review regime: the deadlines and rules a case runs on (design §4).',
  id: { column: (r) => r.id, description: 'Global ID of the regime version.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Regime code, e.g. CN_CSR or US_CFIUS.' }),
    version: t.exposeInt('version', { description: 'Version; a case keeps the version it started on.' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    isDefault: t.exposeBoolean('isDefault', { description: 'Whether new cases start on this regime.' }),
  }),
});

export const CasePartyRef = builder.drizzleObject('caseParties', {
  name: 'CaseParty',
  description: 'An organisation taking part in a case, and how.',
  fields: (t) => ({
    role: t.expose('role', { type: PartyRoleEnum, description: 'How the organisation takes part.' }),
    organization: t.relation('organization', { description: 'The party.' }),
  }),
});

export const CaseRef = builder.drizzleNode('cases', {
  name: 'Case',
  description: 'A review case about an event or action that may erode an industry-chain capability.',
  id: { column: (c) => c.id, description: 'Global ID of the case.' },
  fields: (t) => ({
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'Reference number ICSR-YYYY-NNNNNN, assigned at submission; null for a draft.',
    }),
    title: t.exposeString('title', { description: 'Short title.' }),
    summary: t.exposeString('summary', { description: 'What the case is about.' }),
    origin: t.expose('origin', { type: CaseOriginEnum, description: 'How the case reached the office.' }),
    subject: t.expose('subject', { type: CaseSubjectEnum, description: 'The event or action the case is about.' }),
    state: t.expose('state', { type: CaseStateEnum, description: 'Where the case is in its lifecycle.' }),
    confidentiality: t.expose('confidentiality', {
      type: ClearanceLevelEnum,
      description: 'Classification of the case file.',
    }),
    filer: t.relation('filer', {
      nullable: true,
      description: 'The filing firm, or the referring department; null for an ex-officio case.',
    }),
    caseOfficer: t.relation('caseOfficer', { nullable: true, description: 'The assigned case officer.' }),
    leadReviewer: t.relation('leadReviewer', { nullable: true, description: 'The assigned lead reviewer.' }),
    parties: t.relation('parties', { description: 'Organisations taking part in the case.' }),
    chainNodes: t.field({
      type: [ChainNodeRef],
      description: 'The industry-chain nodes the case concerns.',
      select: { with: { nodes: { with: { node: true } } } },
      resolve: (c) => c.nodes.map((n) => n.node),
    }),
    securityType: t.expose('securityType', {
      type: SecurityTypeEnum,
      nullable: true,
      description: 'Security type, set at classification.',
    }),
    keyDimension: t.expose('keyDimension', {
      type: KeyDimensionEnum,
      nullable: true,
      description: 'Key dimension under the security type, set at classification.',
    }),
    capabilities: t.expose('capabilities', {
      type: [CapabilityEnum],
      description: 'Chain capabilities the case threatens.',
    }),
    maturity: t.expose('maturity', {
      type: TechnologyMaturityEnum,
      nullable: true,
      description: 'Maturity of the technology concerned.',
    }),
    strategy: t.expose('strategy', { type: StrategyEnum, nullable: true, description: 'Governance strategy.' }),
    subStrategy: t.expose('subStrategy', {
      type: SubStrategyEnum,
      nullable: true,
      description: 'Sub-strategy under the strategy.',
    }),
    riskScore: t.exposeFloat('riskScore', { nullable: true, description: 'Risk score 0–100, once graded.' }),
    riskGrade: t.expose('riskGrade', { type: RiskGradeEnum, nullable: true, description: 'Risk grade, once graded.' }),
    regime: t.relation('regime', { description: 'The regime version the case runs on.' }),
    workflowVersion: t.exposeInt('workflowVersion', {
      description: 'Version of the case workflow the case started on.',
    }),
    refiledFrom: t.relation('refiledFrom', {
      nullable: true,
      description: 'The withdrawn case this one refiles, if any (null when you may not see it).',
      query: (_args, ctx) => ({
        where: { RAW: (table) => readableWhere(ctx, 'Case', caseSubjectFields(table as typeof cases)) },
      }),
    }),
    overdue: t.boolean({
      description: 'Whether a running clock of the case has passed its due instant (as of the request).',
      // The flag is set when a breach is processed; the phase clock's due instant tells it already.
      resolve: (c, _args, ctx) => c.overdue || (c.nextDueAt !== null && c.nextDueAt < ctx.now),
    }),
    nextDueAt: t.expose('nextDueAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Due instant of the running phase clock, if any.',
    }),
    submittedAt: t.expose('submittedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the filing was submitted or the office opened the case.',
    }),
    lastActivityAt: t.expose('lastActivityAt', {
      type: 'DateTime',
      description: 'When anything last happened on the case.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the case (or its draft) was created.' }),
    version: t.exposeInt('version', {
      description: 'Optimistic-lock version: send it back with a change so a concurrent edit is detected.',
    }),
  }),
});

const CaseFilter = builder.inputType('CaseFilter', {
  description: 'Narrows the cases list; all given conditions must hold.',
  fields: (t) => ({
    states: t.field({ type: [CaseStateEnum], required: false, description: 'Only cases in one of these states.' }),
    text: t.string({
      required: false,
      description: 'Text contained in the title or the reference number (case-insensitive).',
    }),
    overdue: t.boolean({
      required: false,
      description: 'Only cases that are (true) or are not (false) overdue as of now, as `Case.overdue` says.',
    }),
    dueWithinWorkingDays: t.int({
      required: false,
      description:
        'Only cases whose running phase clock is due within this many working days of now on the calendar of ' +
        'the case’s regime, i.e. whose `workingDaysLeft` is at most this (0 = due today). Overdue cases are ' +
        'included; add `overdue: false` to leave them out.',
    }),
    securityTypes: t.field({ type: [SecurityTypeEnum], required: false, description: 'Only these security types.' }),
    keyDimensions: t.field({ type: [KeyDimensionEnum], required: false, description: 'Only these key dimensions.' }),
    strategies: t.field({ type: [StrategyEnum], required: false, description: 'Only these governance strategies.' }),
    partyOrganizationId: t.id({ required: false, description: 'Only cases to which this organisation is a party.' }),
    assigneeId: t.id({
      required: false,
      description: 'Only cases this person is the case officer or lead reviewer of.',
    }),
    consultedDepartmentId: t.id({
      required: false,
      description: 'Only cases on which this department was consulted, as far as you may see its consultation.',
    }),
    unassigned: t.boolean({
      required: false,
      description:
        'Only cases without a case officer (true), or only those with one (false): what a lead reviewer staffs.',
    }),
  }),
});

const CaseOrderEnum = builder.enumType('CaseOrder', {
  description: 'How the cases list is sorted.',
  values: {
    LAST_ACTIVITY: { description: 'Most recently active first (the default).' },
    NEXT_DUE_AT: { description: 'Earliest due running phase clock first; cases without one last.' },
  },
});

interface CaseFilterInput {
  states?: readonly string[] | null;
  text?: string | null;
  overdue?: boolean | null;
  dueWithinWorkingDays?: number | null;
  securityTypes?: readonly SecurityType[] | null;
  keyDimensions?: readonly KeyDimension[] | null;
  strategies?: readonly Strategy[] | null;
  partyOrganizationId?: string | null;
  assigneeId?: string | null;
  consultedDepartmentId?: string | null;
  unassigned?: boolean | null;
}

/** A global ID in a filter: one of the wrong type, or malformed, matches nothing (never everything). */
const filterId = (globalId: string, typename: string) =>
  decodeIdOrNull(globalId, typename) ?? '00000000-0000-0000-0000-000000000000';

/** What the deadline filters compare with: the request's instant, and each calendar's cut-off instant. */
interface DeadlineBounds {
  now: Date;
  /** The consultations the caller may read: filtering on one must not reveal one they may not see. */
  readableConsultations: SQL;
  /** Calendar id → the last due instant inside "due within N working days"; null without that filter. */
  dueCutoffs: ReadonlyMap<string, Date> | null;
}

/** Cut-offs are counted in TS on each calendar (holidays differ), then compared in SQL with `next_due_at`. */
async function deadlineBounds(
  ctx: GraphQLContext,
  filter: CaseFilterInput | null | undefined,
): Promise<DeadlineBounds> {
  const n = filter?.dueWithinWorkingDays;
  const readableConsultations = readableWhere(ctx, 'Consultation', consultationSubjectFields(consultations));
  if (n === null || n === undefined) return { now: ctx.now, dueCutoffs: null, readableConsultations };
  if (n < 0 || n > maxDueWithinWorkingDays) {
    throw createGraphQLError(`dueWithinWorkingDays must be from 0 to ${maxDueWithinWorkingDays}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const calendars = await requestCalendars(ctx, ctx.db).all();
  return {
    now: ctx.now,
    dueCutoffs: new Map(calendars.map((c) => [c.id, dueWithinCutoff(c, ctx.now, n)])),
    readableConsultations,
  };
}

/** One SQL filter for both the page and its total, so the two always agree. */
function caseFilterSql(table: typeof cases, filter: CaseFilterInput | null | undefined, bounds: DeadlineBounds): SQL {
  const conditions: (SQL | undefined)[] = [isNull(table.discardedAt)];
  const states = filter?.states?.filter((s): s is (typeof caseStates)[number] =>
    (caseStates as readonly string[]).includes(s),
  );
  if (states && states.length > 0) conditions.push(inArray(table.state, states));
  if (filter?.text?.trim()) {
    const pattern = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(table.title, pattern), ilike(table.reference, pattern)));
  }
  if (filter?.overdue !== null && filter?.overdue !== undefined) {
    // As Case.overdue: the breach flag, or a phase clock already past due (null compares as not overdue).
    const overdue = sql`(${table.overdue} or coalesce(${lt(table.nextDueAt, bounds.now)}, false))`;
    conditions.push(filter.overdue ? overdue : not(overdue));
  }
  if (bounds.dueCutoffs) {
    const perCalendar = [...bounds.dueCutoffs].map(([calendarId, cutoff]) =>
      and(
        sql`${table.regimeId} in (select ${regimes.id} from ${regimes} where ${regimes.calendarId} = ${calendarId})`,
        lte(table.nextDueAt, cutoff),
      ),
    );
    conditions.push(perCalendar.length > 0 ? or(...perCalendar) : sql`false`);
  }
  if (filter?.securityTypes?.length) conditions.push(inArray(table.securityType, [...filter.securityTypes]));
  if (filter?.keyDimensions?.length) conditions.push(inArray(table.keyDimension, [...filter.keyDimensions]));
  if (filter?.strategies?.length) conditions.push(inArray(table.strategy, [...filter.strategies]));
  if (filter?.partyOrganizationId) {
    const party = filterId(filter.partyOrganizationId, 'Organization');
    conditions.push(
      sql`exists (select 1 from ${caseParties} where ${caseParties.caseId} = ${table.id} and ${caseParties.organizationId} = ${party})`,
    );
  }
  if (filter?.assigneeId) {
    const person = filterId(filter.assigneeId, 'Person');
    conditions.push(or(eq(table.caseOfficerId, person), eq(table.leadReviewerId, person)));
  }
  if (filter?.unassigned !== null && filter?.unassigned !== undefined) {
    conditions.push(filter.unassigned ? isNull(table.caseOfficerId) : isNotNull(table.caseOfficerId));
  }
  if (filter?.consultedDepartmentId) {
    const department = filterId(filter.consultedDepartmentId, 'Organization');
    conditions.push(
      sql`exists (select 1 from ${consultations} where ${consultations.caseId} = ${table.id} and ${consultations.departmentId} = ${department} and ${bounds.readableConsultations})`,
    );
  }
  return and(...conditions)!;
}

/** The cases the caller may read that match the filter: the page and its total use the same SQL. */
function visibleCases(
  ctx: GraphQLContext,
  table: typeof cases,
  filter: CaseFilterInput | null | undefined,
  bounds: DeadlineBounds,
): SQL {
  return and(readableWhere(ctx, 'Case', caseSubjectFields(table)), caseFilterSql(table, filter, bounds))!;
}

// A cursor cannot hold a null, so cases without a due date sort on a far-future stand-in (after all others).
const noDueSortKey = 1e15;

builder.queryField('cases', (t) =>
  t.drizzleConnection({
    type: 'cases',
    description: 'Review cases, most recently active first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: CaseFilter, required: false, description: 'Conditions on the cases.' }),
      orderBy: t.arg({
        type: CaseOrderEnum,
        required: false,
        description: 'Sort order (default LAST_ACTIVITY).',
      }),
    },
    totalCount: async (_parent, args, ctx) =>
      ctx.db.$count(cases, visibleCases(ctx, cases, args.filter, await deadlineBounds(ctx, args.filter))),
    resolve: async (query, _parent, args, ctx) => {
      const bounds = await deadlineBounds(ctx, args.filter);
      const where = { RAW: (table: unknown) => visibleCases(ctx, table as typeof cases, args.filter, bounds) };
      if (args.orderBy === 'NEXT_DUE_AT') {
        return ctx.db.query.cases.findMany(
          query({
            where,
            extras: {
              dueSortKey: (table) =>
                sql<number>`coalesce(extract(epoch from ${table.nextDueAt}) * 1000, ${noDueSortKey})::float8`,
            },
            orderBy: { dueSortKey: 'asc' } as never,
          }),
        );
      }
      return ctx.db.query.cases.findMany(query({ where, orderBy: { lastActivityAt: 'desc' } }));
    },
  }),
);

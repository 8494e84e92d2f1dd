/**
 * Statutory clocks on a case (design §5): the clock rows are the source of truth; the API shows each
 * clock's start, due instant, working days left as of the request, pauses, extension and whether it
 * is provisional. Calendars are read once per request (request-calendars.ts), never per clock.
 */
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { clocks } from '../../../db/schema/clocks.ts';
import { appeals, conditions } from '../../../db/schema/decisions.ts';
import {
  assessments,
  consultations,
  informationRequests,
  representationRequests,
} from '../../../db/schema/work-items.ts';
import { type ClockOwnerKind, clockOwnerKinds, clockPhases, dayUnits } from '../../../vocabulary/terms.ts';
import { requestCalendars } from '../../domain/calendars/request-calendars.ts';
import { workingDaysLeft } from '../../domain/clock/due.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { CaseRef } from './case.ts';

export const ClockPhaseEnum = builder.enumType('ClockPhase', {
  description: 'The phase or work item a statutory clock times (its length comes from the case’s regime).',
  values: clockPhases,
});
export const ClockOwnerKindEnum = builder.enumType('ClockOwnerKind', {
  description: 'What a clock belongs to: the case itself (a phase clock) or one of its work items.',
  values: clockOwnerKinds,
});
export const DayUnitEnum = builder.enumType('DayUnit', {
  description: 'How a clock counts: working days on the regime’s calendar, or calendar days.',
  values: dayUnits,
});

export const ClockPauseRef = builder.drizzleObject('clockPauses', {
  name: 'ClockPause',
  description: 'An interval during which a clock stood still (e.g. an information request was open).',
  fields: (t) => ({
    from: t.expose('pausedAt', { type: 'DateTime', description: 'When the pause began.' }),
    to: t.expose('resumedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the clock resumed; null while the pause is still open.',
    }),
  }),
});

export const ClockRef = builder.drizzleObject('clocks', {
  name: 'Clock',
  description:
    'A statutory clock on a case phase or a work item (design §5). Day 1 is the first working day after ' +
    'the start; the clock is due at 23:59:59.999 of its last day in the regime’s time zone.',
  fields: (t) => ({
    phase: t.expose('phase', { type: ClockPhaseEnum, description: 'What the clock times.' }),
    ownerKind: t.expose('ownerKind', {
      type: ClockOwnerKindEnum,
      description: 'CASE for a phase clock, else the kind of work item it belongs to.',
    }),
    unit: t.expose('unit', { type: DayUnitEnum, description: 'Working or calendar days.' }),
    length: t.exposeInt('length', { description: 'Statutory length in `unit`, before any extension.' }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      description: 'The triggering event; its local date is day 0 and never counts.',
    }),
    dueAt: t.expose('dueAt', {
      type: 'DateTime',
      description:
        'When the clock is due. While a pause is open it moves later with each paused day, and is fixed on resumption.',
    }),
    workingDaysLeft: t.int({
      nullable: true,
      description:
        'Working days after today (in the regime’s zone) up to and including the due day: 0 on the due day, ' +
        'negative once overdue. Null once the clock has stopped.',
      resolve: async (clock, _args, ctx) => {
        if (clock.stoppedAt) return null;
        const calendar = await requestCalendars(ctx, ctx.db).forRegime(clock.regimeId);
        return workingDaysLeft(calendar, ctx.now, clock.dueAt);
      },
    }),
    overdue: t.boolean({
      description: 'Whether the clock is still running past its due instant.',
      resolve: (clock, _args, ctx) => !clock.stoppedAt && clock.dueAt < ctx.now,
    }),
    provisional: t.exposeBoolean('provisional', {
      description:
        'Whether a counted day lies in a year whose official holiday schedule is not loaded yet: the due ' +
        'instant may move once an administrator loads it.',
    }),
    paused: t.boolean({
      description: 'Whether the clock is paused now (an open pause).',
      select: { with: { pauses: { columns: { resumedAt: true } } } },
      resolve: (clock) => clock.pauses.some((pause) => pause.resumedAt === null),
    }),
    pauses: t.relation('pauses', {
      description: 'Every pause of the clock, oldest first.',
      query: { orderBy: { pausedAt: 'asc' } },
    }),
    extendedDays: t.exposeInt('extendedDays', {
      description: 'Days (in `unit`) added by the one extension the regime allows; 0 when not extended.',
    }),
    extensionReason: t.exposeString('extensionReason', {
      nullable: true,
      description: 'Why the clock was extended; null when it was not.',
    }),
    stoppedAt: t.expose('stoppedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the phase or work item ended; null while the clock runs.',
    }),
  }),
});

/** The work-item table of each owner kind, and the organisation the item is addressed to. */
const addressees: Record<Exclude<ClockOwnerKind, 'CASE'>, { table: PgTable; id: PgColumn; organization: PgColumn }> = {
  CONSULTATION: { table: consultations, id: consultations.id, organization: consultations.departmentId },
  ASSESSMENT: { table: assessments, id: assessments.id, organization: assessments.instituteId },
  INFORMATION_REQUEST: {
    table: informationRequests,
    id: informationRequests.id,
    organization: informationRequests.addressedToOrganizationId,
  },
  REPRESENTATION_REQUEST: {
    table: representationRequests,
    id: representationRequests.id,
    organization: representationRequests.addressedToOrganizationId,
  },
  APPEAL: { table: appeals, id: appeals.id, organization: appeals.appellantOrganizationId },
  CONDITION: { table: conditions, id: conditions.id, organization: conditions.ownerOrganizationId },
};

/**
 * The clocks of a case (one the caller already reads) that the caller sees: the office sees them
 * all; an outside organisation sees the case's phase clocks and the deadlines of the work items
 * addressed to it (design §2: a firm sees deadlines and requests addressed to it, never another
 * department's consultation or an institute's assessment).
 */
export function visibleClocksWhere(ctx: GraphQLContext, table: typeof clocks): SQL {
  const { actor } = ctx;
  if (!actor) return sql`false`;
  if (actor.kind === 'SYSTEM' || actor.organizationKind === 'REVIEW_OFFICE') return sql`true`;
  const addressedToCaller = Object.entries(addressees).map(([kind, item]) =>
    and(
      eq(table.ownerKind, kind as ClockOwnerKind),
      sql`exists (select 1 from ${item.table} where ${item.id} = ${table.ownerId} and ${item.organization} = ${actor.organizationId})`,
    ),
  );
  return or(eq(table.ownerKind, 'CASE'), ...addressedToCaller)!;
}

builder.drizzleObjectFields(CaseRef, (t) => ({
  clocks: t.relation('clocks', {
    description:
      'The case’s clocks the caller may see, oldest first: every phase clock, and the clocks of work items ' +
      'addressed to the caller’s organisation (the office sees them all).',
    query: (_args, ctx) => ({
      where: { RAW: (table) => visibleClocksWhere(ctx, table as typeof clocks) },
      orderBy: { startedAt: 'asc', id: 'asc' },
    }),
  }),
  currentClock: t.relation('currentClock', {
    nullable: true,
    description: 'The running phase clock, if any (its due instant is the case’s `nextDueAt`).',
  }),
}));

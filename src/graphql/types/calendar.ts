/**
 * Jurisdiction calendars (design §5): everyone signed in reads them — they are the published public
 * holiday schedules that every deadline is counted on, and firms see those deadlines — while only
 * administrators load a year's schedule, by API or from a CSV/JSON file. Loading recomputes the open
 * deadlines and is recorded in the administrative audit chain.
 */
import { type SQL, sql } from 'drizzle-orm';
import { calendars } from '../../../db/schema/clocks.ts';
import { calendarDayKinds } from '../../../vocabulary/terms.ts';
import { referenceSubjectFields } from '../../domain/access/subject-fields.ts';
import { calendarFileFormats, importCalendarYear } from '../../domain/calendars/import-calendar-year.ts';
import { type LoadCalendarYearResult, loadCalendarYear } from '../../domain/calendars/load-calendar-year.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { runMutation } from '../mutation.ts';
import { readableWhere } from '../visibility.ts';
import { mutationErrorTypes } from './errors.ts';

const CalendarDayKindEnum = builder.enumType('CalendarDayKind', {
  description: 'A public holiday (a day off), or a make-up working day (a weekend day worked, 调休).',
  values: calendarDayKinds,
});

const CalendarFileFormatEnum = builder.enumType('CalendarFileFormat', {
  description:
    'CSV with the columns date,kind,name (kind HOLIDAY or MAKEUP_WORKDAY), or JSON: ' +
    '{"holidays": [{date, name}], "makeupWorkdays": [{date, name}]} or an array of {date, kind, name}.',
  values: calendarFileFormats,
});

builder.drizzleObject('calendarYears', {
  name: 'CalendarYear',
  description: 'A year whose official schedule is loaded; deadlines counted on other years are provisional.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The Gregorian year.' }),
    source: t.exposeString('source', { description: 'The official document the schedule was taken from.' }),
    loadedAt: t.expose('loadedAt', { type: 'DateTime', description: 'When the schedule was (last) loaded.' }),
  }),
});

builder.drizzleObject('calendarDays', {
  name: 'CalendarDay',
  description: 'A special day of a loaded year: a holiday on a weekday, or a weekend day worked.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'The day, in the calendar’s time zone.' }),
    kind: t.expose('kind', { type: CalendarDayKindEnum, description: 'Holiday or make-up working day.' }),
    name: t.exposeString('name', { description: 'Which holiday, as the official notice names it.' }),
  }),
});

export const CalendarRef = builder.drizzleNode('calendars', {
  name: 'Calendar',
  description: 'A jurisdiction calendar: weekends, public holidays and make-up working days, year by year.',
  id: { column: (c) => c.id, description: 'Global ID of the calendar.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Calendar code, e.g. CN or US.' }),
    name: t.exposeString('name', { description: 'Human-readable name.' }),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone in which its days begin and end.' }),
    weekendDays: t.exposeIntList('weekendDays', {
      description: 'ISO weekdays that are not worked (6 = Saturday, 7 = Sunday).',
    }),
    years: t.relation('years', {
      description: 'The years whose official schedule is loaded, in order, each with its source.',
      query: { orderBy: { year: 'asc' } },
    }),
    specialDays: t.relation('days', {
      description: 'The holidays and make-up working days of a loaded year, by date (empty for a year not loaded).',
      args: { year: t.arg.int({ required: true, description: 'The Gregorian year.' }) },
      query: (args) => {
        const year = String(args.year).padStart(4, '0');
        return {
          where:
            args.year >= 1 && args.year <= 9999
              ? { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } }
              : { RAW: () => sql`false` },
          orderBy: { date: 'asc' },
        };
      },
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When a schedule was last loaded.' }),
  }),
});

function visibleCalendars(ctx: GraphQLContext, table: typeof calendars): SQL {
  return readableWhere(ctx, 'Calendar', referenceSubjectFields(table));
}

builder.queryField('calendars', (t) =>
  t.drizzleConnection({
    type: 'calendars',
    description: 'Jurisdiction calendars, by code.',
    totalCount: (_parent, _args, ctx) => ctx.db.$count(calendars, visibleCalendars(ctx, calendars)),
    resolve: (query, _parent, _args, ctx) =>
      ctx.db.query.calendars.findMany(
        query({
          where: { RAW: (table) => visibleCalendars(ctx, table as typeof calendars) },
          orderBy: { code: 'asc' },
        }),
      ),
  }),
);

const CalendarYearLoadedRef = builder.objectRef<LoadCalendarYearResult>('CalendarYearLoaded').implement({
  description: 'A year’s schedule was loaded and the open deadlines counted on the calendar were recomputed.',
  fields: (t) => ({
    calendar: t.drizzleField({
      type: 'calendars',
      description: 'The calendar after the change.',
      resolve: async (query, result, _args, ctx) =>
        (await ctx.db.query.calendars.findFirst(query({ where: { id: result.calendarId } })))!,
    }),
    year: t.exposeInt('year', { description: 'The year loaded.' }),
    replaced: t.exposeBoolean('replaced', { description: 'Whether a schedule already loaded was replaced.' }),
    clocksRecomputed: t.exposeInt('clocksRecomputed', {
      description: 'Running clocks counted on this calendar, all recomputed.',
    }),
    deadlinesChanged: t.int({
      description: 'Open deadlines whose due instant or provisional flag changed (listed in the audit entry).',
      resolve: (result) => result.changes.length,
    }),
  }),
});

const CalendarDayInput = builder.inputType('CalendarDayInput', {
  description: 'One special day of a schedule.',
  fields: (t) => ({
    date: t.string({ required: true, description: 'The day, YYYY-MM-DD.' }),
    name: t.string({ required: true, description: 'Which holiday, as the official notice names it.' }),
  }),
});

const LoadCalendarYearInput = builder.inputType('LoadCalendarYearInput', {
  description: 'The official schedule of one year of a calendar.',
  fields: (t) => ({
    calendarCode: t.string({ required: true, description: 'The calendar, e.g. CN.' }),
    year: t.int({ required: true, description: 'The Gregorian year.' }),
    source: t.string({ required: true, description: 'The official document (notice, date, publisher).' }),
    holidays: t.field({
      type: [CalendarDayInput],
      required: true,
      description: 'Days off, one entry per date (weekend dates inside a holiday range may be listed too).',
    }),
    makeupWorkdays: t.field({
      type: [CalendarDayInput],
      required: true,
      description: 'Weekend days worked instead, one entry per date.',
    }),
    replace: t.boolean({ required: false, description: 'Replace a year already loaded (default false).' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

const ImportCalendarYearInput = builder.inputType('ImportCalendarYearInput', {
  description: 'A year’s official schedule as a CSV or JSON file.',
  fields: (t) => ({
    calendarCode: t.string({ required: true, description: 'The calendar, e.g. CN.' }),
    year: t.int({ required: true, description: 'The Gregorian year the file holds.' }),
    source: t.string({ required: true, description: 'The official document (notice, date, publisher).' }),
    format: t.field({ type: CalendarFileFormatEnum, required: true, description: 'How the file is written.' }),
    content: t.string({ required: true, description: 'The file’s text.' }),
    replace: t.boolean({ required: false, description: 'Replace a year already loaded (default false).' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

builder.mutationField('loadCalendarYear', (t) =>
  t.field({
    type: CalendarYearLoadedRef,
    description:
      'Administrators: loads (or replaces) the official schedule of a year; open deadlines on the calendar are ' +
      'recomputed and the change is recorded in the administrative audit chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: LoadCalendarYearInput, required: true, description: 'The schedule.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        {
          operation: 'loadCalendarYear',
          idempotency: 'none',
          why: 'a year is replaced as a whole: a retry writes the same',
        },
        (tx) =>
          loadCalendarYear(
            tx,
            ctx.actor!,
            {
              calendarCode: input.calendarCode,
              year: input.year,
              source: input.source,
              holidays: input.holidays,
              makeupWorkdays: input.makeupWorkdays,
              replace: input.replace ?? false,
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      ),
  }),
);

builder.mutationField('importCalendarYear', (t) =>
  t.field({
    type: CalendarYearLoadedRef,
    description:
      'Administrators: loads a year’s official schedule from a CSV or JSON file, like `loadCalendarYear`; ' +
      'problems name the row and column (e.g. rows.4.date).',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: ImportCalendarYearInput, required: true, description: 'The file.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        {
          operation: 'importCalendarYear',
          idempotency: 'none',
          why: 'a year is replaced as a whole: a retry writes the same',
        },
        (tx) =>
          importCalendarYear(
            tx,
            ctx.actor!,
            {
              calendarCode: input.calendarCode,
              year: input.year,
              source: input.source,
              format: input.format,
              content: input.content,
              replace: input.replace ?? false,
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      ),
  }),
);

/** Calendars, regimes and statutory clocks (design §4–5). Clock rows are the source of truth. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { createdAt, id, instant, lockVersion, updatedAt } from './columns.ts';
import { calendarDayKind, clockOwnerKind, clockPhase, dayUnit } from './enums.ts';

export const calendars = pgTable(
  'calendars',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** IANA zone in which days begin and end, e.g. Asia/Shanghai. */
    timeZone: text('time_zone').notNull(),
    /** ISO weekdays that are not worked (6 = Saturday, 7 = Sunday). */
    weekendDays: smallint('weekend_days').array().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [uniqueIndex('calendars_code_key').on(t.code)],
);

/** A year whose official schedule is loaded; deadlines in other years are provisional. */
export const calendarYears = pgTable(
  'calendar_years',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    year: integer('year').notNull(),
    source: text('source').notNull(),
    loadedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.calendarId, t.year] }),
    check('calendar_years_range', sql`${t.year} between 2000 and 2100`),
  ],
);

/** A public holiday on a weekday, or a weekend day worked (make-up working day, 调休). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    date: date('date', { mode: 'string' }).notNull(),
    kind: calendarDayKind('kind').notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.date] })],
);

/** A review regime: versioned data, never edited in place; a case keeps the version it started on. */
export const regimes = pgTable(
  'regimes',
  {
    id: id(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => calendars.id),
    /** Clock lengths, units, extension, pause and silence rules, in-depth thresholds, with sources. */
    definition: jsonb('definition').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('regimes_code_version_key').on(t.code, t.version),
    index('regimes_calendar_idx').on(t.calendarId),
    check('regimes_version_positive', sql`${t.version} >= 1`),
  ],
);

/**
 * A statutory clock on a case phase or a work item. `dueAt` is recomputed from the regime,
 * the calendar and the pauses whenever one of them changes.
 */
export const clocks = pgTable(
  'clocks',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    ownerKind: clockOwnerKind('owner_kind').notNull(),
    /** The case id for a phase clock, else the work item's id. */
    ownerId: uuid('owner_id').notNull(),
    phase: clockPhase('phase').notNull(),
    regimeId: uuid('regime_id')
      .notNull()
      .references(() => regimes.id),
    unit: dayUnit('unit').notNull(),
    length: integer('length').notNull(),
    startedAt: instant('started_at').notNull(),
    dueAt: instant('due_at').notNull(),
    /** True while any counted day falls in a year whose official schedule is not loaded. */
    provisional: boolean('provisional').notNull().default(false),
    extendedDays: integer('extended_days').notNull().default(0),
    extensionReason: text('extension_reason'),
    extendedAt: instant('extended_at'),
    stoppedAt: instant('stopped_at'),
    breachedAt: instant('breached_at'),
    /** Reminders already sent (50, 80, 100 percent), so a re-run wake-up sends none twice. */
    remindersSent: smallint('reminders_sent').array().notNull().default(sql`'{}'::smallint[]`),
    nextWakeAt: instant('next_wake_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: lockVersion(),
  },
  (t) => [
    index('clocks_case_idx').on(t.caseId),
    // A case runs at most one phase clock at a time.
    uniqueIndex('clocks_one_running_phase_per_case')
      .on(t.caseId)
      .where(sql`${t.ownerKind} = 'CASE' and ${t.stoppedAt} is null`),
    index('clocks_owner_idx').on(t.ownerKind, t.ownerId),
    index('clocks_regime_idx').on(t.regimeId),
    // The wake-up scan reads only running clocks, ordered by their next wake-up.
    index('clocks_running_next_wake_idx').on(t.nextWakeAt).where(sql`${t.stoppedAt} is null`),
    index('clocks_running_due_idx').on(t.dueAt).where(sql`${t.stoppedAt} is null`),
    check('clocks_length_positive', sql`${t.length} > 0`),
    check('clocks_extension', sql`${t.extendedDays} >= 0 and (${t.extendedDays} = 0) = (${t.extendedAt} is null)`),
    check('clocks_extension_reason', sql`${t.extendedAt} is null or ${t.extensionReason} is not null`),
    check('clocks_stopped_after_start', sql`${t.stoppedAt} is null or ${t.stoppedAt} >= ${t.startedAt}`),
  ],
);

/** Intervals during which a clock was paused (e.g. an open information request under CN_CSR). */
export const clockPauses = pgTable(
  'clock_pauses',
  {
    id: id(),
    clockId: uuid('clock_id')
      .notNull()
      .references(() => clocks.id, { onDelete: 'cascade' }),
    pausedAt: instant('paused_at').notNull(),
    resumedAt: instant('resumed_at'),
    /** The work item that caused the pause, e.g. an information request. */
    causeId: uuid('cause_id'),
    reason: text('reason').notNull(),
  },
  (t) => [
    index('clock_pauses_clock_idx').on(t.clockId),
    // At most one open pause per clock.
    uniqueIndex('clock_pauses_one_open_per_clock').on(t.clockId).where(sql`${t.resumedAt} is null`),
    check('clock_pauses_order', sql`${t.resumedAt} is null or ${t.resumedAt} >= ${t.pausedAt}`),
  ],
);

/**
 * Reads a jurisdiction calendar back from its rows, so the pure clock arithmetic runs on what the
 * database holds, including the years an administrator loaded after the product shipped.
 */
import { asc, eq } from 'drizzle-orm';
import { calendarDays, calendars, calendarYears } from '../../../db/schema/clocks.ts';
import type {
  CalendarDay,
  CalendarDefinition,
  CalendarYear,
  IsoWeekday,
} from '../../../workflows/calendars/calendar-definition.ts';
import type { Queryable } from '../../database/database.ts';
import { NotFoundError } from '../errors.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A calendar as stored: its definition plus the row id that regimes refer to. */
export interface StoredCalendarDefinition extends CalendarDefinition {
  id: string;
}

/**
 * The calendar with id (a UUID) or code `calendar` as a {@link CalendarDefinition}: a year appears in
 * `years` only when a `calendar_years` row says its schedule is loaded; special days of other years
 * are ignored (such a year counts weekends only).
 * @throws NotFoundError when no such calendar is stored.
 */
export async function loadCalendarDefinition(db: Queryable, calendar: string): Promise<StoredCalendarDefinition> {
  const [row] = await db
    .select()
    .from(calendars)
    .where(uuidPattern.test(calendar) ? eq(calendars.id, calendar) : eq(calendars.code, calendar));
  if (!row) throw new NotFoundError(`Calendar ${calendar}`);
  const loaded = await db.select().from(calendarYears).where(eq(calendarYears.calendarId, row.id));
  const days = await db
    .select()
    .from(calendarDays)
    .where(eq(calendarDays.calendarId, row.id))
    .orderBy(asc(calendarDays.date));

  const schedules = new Map<number, { source: string; holidays: CalendarDay[]; makeupWorkdays: CalendarDay[] }>();
  for (const { year, source } of loaded) schedules.set(year, { source, holidays: [], makeupWorkdays: [] });
  for (const day of days) {
    const schedule = schedules.get(Number(day.date.slice(0, 4)));
    if (!schedule) continue;
    const list = day.kind === 'HOLIDAY' ? schedule.holidays : schedule.makeupWorkdays;
    list.push({ date: day.date, name: day.name });
  }
  const years: Record<number, CalendarYear> = {};
  for (const [year, schedule] of [...schedules].sort(([a], [b]) => a - b)) years[year] = schedule;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    timeZone: row.timeZone,
    weekendDays: row.weekendDays as IsoWeekday[],
    years,
  };
}

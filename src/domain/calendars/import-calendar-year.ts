/**
 * An administrator loads a year's official schedule from a file (CSV or JSON, parse-calendar-year.ts)
 * instead of typing it: the file gives the days, the request names the calendar, year and source.
 */
import { z } from 'zod';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { type LoadCalendarYearResult, loadCalendarYear } from './load-calendar-year.ts';
import { parseCalendarYearCsv, parseCalendarYearJson } from './parse-calendar-year.ts';

export const calendarFileFormats = ['CSV', 'JSON'] as const;

export const ZImportCalendarYearInput = z.object({
  calendarCode: z.string().trim().min(1).max(40),
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().min(3).max(2000),
  format: z.enum(calendarFileFormats),
  /** The file's text: at most a few hundred rows, so a generous bound is still small. */
  content: z.string().min(1).max(200_000),
  replace: z.boolean().default(false),
  reason: z.string().trim().max(2000).optional(),
});
export type TImportCalendarYearInput = z.input<typeof ZImportCalendarYearInput>;

/**
 * Parses the file and loads the year with `loadCalendarYear` (recomputing open deadlines and
 * recording the change in the admin audit chain).
 * @throws ForbiddenError before the file is even read, unless the actor may edit calendars.
 * @throws ValidationError naming the row and column of each bad entry (e.g. `rows.4.date`), or
 *   `content.year` when a JSON file states another year than the one being loaded.
 */
export async function importCalendarYear(
  tx: Tx,
  actor: Actor,
  input: TImportCalendarYearInput,
  now: Date,
): Promise<LoadCalendarYearResult> {
  assertCan(actor, 'update', 'Calendar');
  const data = parseInput(ZImportCalendarYearInput, input);
  let days: { holidays: { date: string; name: string }[]; makeupWorkdays: { date: string; name: string }[] };
  if (data.format === 'CSV') {
    days = parseCalendarYearCsv(data.content);
  } else {
    const parsed = parseCalendarYearJson(data.content);
    // A JSON file may say which year it holds; it must be the one being loaded.
    if (parsed.year !== undefined && parsed.year !== data.year) {
      throw ValidationError.single('content.year', `is ${JSON.stringify(parsed.year)}, but ${data.year} is loaded`);
    }
    days = parsed;
  }
  return loadCalendarYear(
    tx,
    actor,
    {
      calendarCode: data.calendarCode,
      year: data.year,
      source: data.source,
      holidays: days.holidays,
      makeupWorkdays: days.makeupWorkdays,
      replace: data.replace,
      reason: data.reason,
    },
    now,
  );
}

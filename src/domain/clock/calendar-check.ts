/**
 * Consistency checks on calendar data, for the shipped calendars and for a schedule an
 * administrator loads: a typo in a date would silently move every deadline that crosses it.
 */
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import { parseIsoDate } from './local-time.ts';
import { isWeekendDay } from './working-days.ts';

/** The problems found in `calendar`, as readable sentences; empty when the data is consistent. */
export function calendarProblems(calendar: CalendarDefinition): string[] {
  const problems: string[] = [];
  for (const [yearKey, schedule] of Object.entries(calendar.years)) {
    const year = Number(yearKey);
    const seen = new Set<string>();
    const days = [
      ...schedule.holidays.map((d) => ({ ...d, kind: 'holiday' })),
      ...schedule.makeupWorkdays.map((d) => ({ ...d, kind: 'make-up working day' })),
    ];
    for (const { date, kind } of days) {
      let day: ReturnType<typeof parseIsoDate>;
      try {
        day = parseIsoDate(date);
      } catch {
        problems.push(`${year}: ${kind} ${date} is not a calendar day`);
        continue;
      }
      if (day.year !== year) problems.push(`${year}: ${kind} ${date} belongs to another year`);
      if (seen.has(date)) problems.push(`${year}: ${date} is listed twice`);
      seen.add(date);
      // A make-up day only means something on a day that is otherwise off.
      if (kind === 'make-up working day' && !isWeekendDay(calendar, day.weekday)) {
        problems.push(`${year}: make-up working day ${date} is not a weekend day`);
      }
    }
  }
  return problems;
}

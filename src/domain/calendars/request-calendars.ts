/**
 * The calendars one request reads, each loaded once: a page of cases with their clocks needs each
 * calendar's holidays for every clock, and must not read them again per case or per clock.
 */
import { eq } from 'drizzle-orm';
import { calendars, regimes } from '../../../db/schema/clocks.ts';
import type { Queryable } from '../../database/database.ts';
import { NotFoundError } from '../errors.ts';
import { loadCalendarDefinition, type StoredCalendarDefinition } from './read-calendar.ts';

export interface RequestCalendars {
  /** The calendar with this id, loaded on first use. */
  byId(calendarId: string): Promise<StoredCalendarDefinition>;
  /** The calendar a regime version counts on. */
  forRegime(regimeId: string): Promise<StoredCalendarDefinition>;
  /** Every stored calendar (for filters that hold on whichever calendar a case runs on). */
  all(): Promise<StoredCalendarDefinition[]>;
}

// Keyed by the request's scope object (the GraphQL context), so the cache dies with the request.
const scopes = new WeakMap<object, RequestCalendars>();

/** The calendar cache of `scope`; within one request a calendar is read once, whatever asks for it. */
export function requestCalendars(scope: object, db: Queryable): RequestCalendars {
  const existing = scopes.get(scope);
  if (existing) return existing;
  const byId = new Map<string, Promise<StoredCalendarDefinition>>();
  const regimeCalendar = new Map<string, Promise<string>>();
  let allIds: Promise<string[]> | undefined;
  const cache: RequestCalendars = {
    byId(calendarId) {
      let calendar = byId.get(calendarId);
      if (!calendar) {
        calendar = loadCalendarDefinition(db, calendarId);
        byId.set(calendarId, calendar);
      }
      return calendar;
    },
    async forRegime(regimeId) {
      let calendarId = regimeCalendar.get(regimeId);
      if (!calendarId) {
        calendarId = db
          .select({ calendarId: regimes.calendarId })
          .from(regimes)
          .where(eq(regimes.id, regimeId))
          .then(([row]) => {
            if (!row) throw new NotFoundError('Regime');
            return row.calendarId;
          });
        regimeCalendar.set(regimeId, calendarId);
      }
      return cache.byId(await calendarId);
    },
    async all() {
      allIds ??= db
        .select({ id: calendars.id })
        .from(calendars)
        .then((rows) => rows.map((row) => row.id));
      return Promise.all((await allIds).map((id) => cache.byId(id)));
    },
  };
  scopes.set(scope, cache);
  return cache;
}

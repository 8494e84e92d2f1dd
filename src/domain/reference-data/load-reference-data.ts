/**
 * Loads shipped calendars and regimes (plain data in workflows/) into the database, where cases
 * and clocks refer to them. A regime version, once stored, is never changed.
 */
import { and, eq } from 'drizzle-orm';
import { calendarDays, calendars, calendarYears, regimes } from '../../../db/schema/clocks.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { CalendarDefinition } from '../../../workflows/calendars/calendar-definition.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { canonicalJson } from '../audit/audit-hash.ts';
import { ConflictError, NotFoundError } from '../errors.ts';

/** Stores a calendar and every year of its official schedule that is not stored yet. */
export async function loadCalendar(tx: Tx, actor: Actor, calendar: CalendarDefinition, now: Date) {
  let [row] = await tx.select().from(calendars).where(eq(calendars.code, calendar.code));
  if (!row) {
    [row] = await tx
      .insert(calendars)
      .values({
        code: calendar.code,
        name: calendar.name,
        timeZone: calendar.timeZone,
        weekendDays: [...calendar.weekendDays],
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await appendAuditEntry(tx, actor, {
      chain: adminChain,
      action: 'calendar.created',
      entityKind: 'Calendar',
      entityId: row!.id,
      after: { code: calendar.code, timeZone: calendar.timeZone, weekendDays: calendar.weekendDays },
      occurredAt: now,
    });
  }
  const loaded = await tx.select().from(calendarYears).where(eq(calendarYears.calendarId, row!.id));
  for (const [yearText, schedule] of Object.entries(calendar.years)) {
    const year = Number(yearText);
    if (loaded.some((l) => l.year === year)) continue;
    await tx.insert(calendarYears).values({ calendarId: row!.id, year, source: schedule.source, loadedAt: now });
    const days = [
      ...schedule.holidays.map((d) => ({ ...d, kind: 'HOLIDAY' as const })),
      ...schedule.makeupWorkdays.map((d) => ({ ...d, kind: 'MAKEUP_WORKDAY' as const })),
    ];
    if (days.length > 0) {
      await tx.insert(calendarDays).values(days.map((d) => ({ calendarId: row!.id, ...d })));
    }
    await appendAuditEntry(tx, actor, {
      chain: adminChain,
      action: 'calendar.year_loaded',
      entityKind: 'Calendar',
      entityId: row!.id,
      after: {
        year,
        source: schedule.source,
        holidays: schedule.holidays.length,
        makeupWorkdays: schedule.makeupWorkdays.length,
      },
      occurredAt: now,
    });
  }
  return row!;
}

/**
 * Stores a regime version; the same code and version stored with other content is refused.
 * `reason` and `before` (e.g. the default the version replaces) go into the audit entry.
 */
export async function publishRegime(
  tx: Tx,
  actor: Actor,
  regime: RegimeDefinition,
  options: { isDefault: boolean; reason?: string; before?: unknown },
  now: Date,
) {
  const [calendar] = await tx.select().from(calendars).where(eq(calendars.code, regime.calendarCode));
  if (!calendar) throw new NotFoundError(`Calendar ${regime.calendarCode}`);
  const [existing] = await tx
    .select()
    .from(regimes)
    .where(and(eq(regimes.code, regime.code), eq(regimes.version, regime.version)));
  const definition = JSON.parse(JSON.stringify(regime));
  if (existing) {
    // jsonb reorders keys, so compare canonical forms.
    if (canonicalJson(existing.definition) !== canonicalJson(definition)) {
      throw new ConflictError(`regime ${regime.code} v${regime.version} exists with other content`);
    }
    return existing;
  }
  const [row] = await tx
    .insert(regimes)
    .values({
      code: regime.code,
      version: regime.version,
      name: regime.name,
      calendarId: calendar.id,
      definition,
      isDefault: options.isDefault,
      createdAt: now,
    })
    .returning();
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'regime.published',
    entityKind: 'Regime',
    entityId: row!.id,
    before: options.before,
    after: { code: regime.code, version: regime.version, isDefault: options.isDefault },
    reason: options.reason ?? null,
    occurredAt: now,
  });
  return row!;
}

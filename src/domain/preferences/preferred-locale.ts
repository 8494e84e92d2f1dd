/**
 * The console's language per person (design §8: default from the browser, remembered per person).
 * Only a person has one: a service account has no console.
 */
import { eq } from 'drizzle-orm';
import { personPreferences } from '../../../db/schema/preferences.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { ForbiddenError } from '../errors.ts';

/** The languages the console speaks, as BCP 47 tags. */
export const consoleLocales = ['zh-CN', 'en'] as const;
export type ConsoleLocale = (typeof consoleLocales)[number];

/** The person's chosen language, or null when they never chose one. */
export async function preferredLocale(db: Queryable, personId: string): Promise<ConsoleLocale | null> {
  const [row] = await db
    .select({ locale: personPreferences.locale })
    .from(personPreferences)
    .where(eq(personPreferences.personId, personId));
  return (row?.locale as ConsoleLocale | undefined) ?? null;
}

/** Remembers the signed-in person's language; choosing it again only touches the timestamp. */
export async function setPreferredLocale(
  db: Queryable,
  actor: Actor,
  locale: ConsoleLocale,
  now: Date,
): Promise<ConsoleLocale> {
  if (actor.kind !== 'PERSON') throw new ForbiddenError('only a person has a console language');
  await db
    .insert(personPreferences)
    .values({ personId: actor.personId, locale, updatedAt: now })
    .onConflictDoUpdate({ target: personPreferences.personId, set: { locale, updatedAt: now } });
  return locale;
}

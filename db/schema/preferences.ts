/** What a person chose for themselves in the console; one row per person, absent until they choose. */
import { sql } from 'drizzle-orm';
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.ts';
import { people } from './organizations.ts';

export const personPreferences = pgTable(
  'person_preferences',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The console's language (BCP 47): the browser's language applies until the person picks one. */
    locale: text('locale').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [check('person_preferences_locale', sql`${t.locale} in ('zh-CN', 'en')`)],
);

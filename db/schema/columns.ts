/** Column shapes repeated across tables. */
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().defaultRandom();

/** An instant, always with its time zone: deadlines are compared across zones. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => instant('created_at').notNull().defaultNow();
export const updatedAt = () => instant('updated_at').notNull().defaultNow();

/** Optimistic-lock version: every update checks and bumps it, so a concurrent edit is detected. */
export const lockVersion = () => integer('version').notNull().default(1);

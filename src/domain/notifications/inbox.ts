/**
 * A person's inbox: their own notifications only. Another person's notification reads as not
 * found, like one that does not exist. Service accounts have no inbox (their organisation's
 * systems receive webhooks instead).
 */
import { and, asc, desc, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { notifications } from '../../../db/schema/messaging.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';

export type NotificationRow = typeof notifications.$inferSelect;

const ownerOf = (actor: Actor): string | null => (actor.kind === 'PERSON' ? actor.personId : null);

/** Opaque page position: the row's instant and id, newest first. */
export const notificationCursor = (row: NotificationRow) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

function parseCursor(cursor: string, field: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const instant = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(instant.getTime())) {
    throw ValidationError.single(field, 'is not a cursor of this list');
  }
  return { at: instant, id };
}

export interface InboxPage {
  readonly after?: string | undefined;
  readonly before?: string | undefined;
  readonly limit: number;
  /** The page is counted from the end (`last`): rows come oldest first and the caller reverses them. */
  readonly inverted: boolean;
  readonly unreadOnly: boolean;
}

export async function listNotifications(db: Queryable, actor: Actor, page: InboxPage): Promise<NotificationRow[]> {
  const personId = ownerOf(actor);
  if (!personId) return [];
  const conditions: (SQL | undefined)[] = [
    eq(notifications.personId, personId),
    page.unreadOnly ? isNull(notifications.readAt) : undefined,
  ];
  if (page.after) {
    const c = parseCursor(page.after, 'after');
    conditions.push(
      or(lt(notifications.createdAt, c.at), and(eq(notifications.createdAt, c.at), lt(notifications.id, c.id))),
    );
  }
  if (page.before) {
    const c = parseCursor(page.before, 'before');
    conditions.push(
      or(gt(notifications.createdAt, c.at), and(eq(notifications.createdAt, c.at), gt(notifications.id, c.id))),
    );
  }
  const order = page.inverted
    ? [asc(notifications.createdAt), asc(notifications.id)]
    : [desc(notifications.createdAt), desc(notifications.id)];
  return db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(page.limit);
}

export async function unreadCount(db: Queryable, actor: Actor): Promise<number> {
  const personId = ownerOf(actor);
  if (!personId) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** One of the actor's own notifications; anyone else's is not found. */
export async function loadOwnNotification(db: Queryable, actor: Actor, id: string): Promise<NotificationRow> {
  const personId = ownerOf(actor);
  const [row] = personId
    ? await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.id, id), eq(notifications.personId, personId)))
    : [];
  if (!row) throw new NotFoundError('Notification');
  return row;
}

/** Marks one notification read; reading it again keeps the first instant. */
export async function markNotificationRead(db: Queryable, actor: Actor, id: string, now: Date) {
  const row = await loadOwnNotification(db, actor, id);
  if (row.readAt) return row;
  const [updated] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(notifications.id, row.id))
    .returning();
  return updated!;
}

/** Marks every unread notification of the actor read. @returns how many were unread. */
export async function markAllNotificationsRead(db: Queryable, actor: Actor, now: Date): Promise<number> {
  const personId = ownerOf(actor);
  if (!personId) return 0;
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

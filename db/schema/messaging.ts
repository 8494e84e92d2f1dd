/** Side effects: the outbox, notifications, their deliveries, webhooks and idempotency keys. */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { createdAt, id, instant, updatedAt } from './columns.ts';
import { deliveryStatus, notificationChannel, outboxStatus } from './enums.ts';
import { organizations, people } from './organizations.ts';

/**
 * Side effects requested by a state change, written in the same transaction; the relay moves
 * them to the queue with the row id as the job id, so a re-relayed row is not a second job.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    /** The job name, e.g. 'notify' or 'clock.wake'. */
    topic: text('topic').notNull(),
    /** IDs and titles only, never confidential content. */
    payload: jsonb('payload').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    status: outboxStatus('status').notNull().default('PENDING'),
    availableAt: instant('available_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    relayedAt: instant('relayed_at'),
    completedAt: instant('completed_at'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.availableAt).where(sql`${t.status} = 'PENDING'`),
    index('outbox_case_idx').on(t.caseId),
    check('outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

/** A person's inbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** The outbox row that produced it: delivering the row twice creates one notification. */
    sourceOutboxId: uuid('source_outbox_id'),
    createdAt: createdAt(),
    readAt: instant('read_at'),
  },
  (t) => [
    index('notifications_person_unread_idx').on(t.personId, t.createdAt),
    index('notifications_case_idx').on(t.caseId),
    uniqueIndex('notifications_source_person_key').on(t.sourceOutboxId, t.personId),
  ],
);

/** Each organisation's webhook endpoint; deliveries are signed with HMAC over timestamp + body. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    disabledAt: instant('disabled_at'),
  },
  (t) => [
    index('webhook_endpoints_organization_idx').on(t.organizationId),
    check('webhook_endpoints_url_scheme', sql`${t.url} ~ '^https?://'`),
  ],
);

/** One delivery of a notification over e-mail or a webhook; `deliveryId` lets receivers drop duplicates. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    deliveryId: uuid('delivery_id').notNull().defaultRandom(),
    channel: notificationChannel('channel').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id),
    webhookEndpointId: uuid('webhook_endpoint_id').references(() => webhookEndpoints.id),
    sourceOutboxId: uuid('source_outbox_id'),
    recipient: text('recipient').notNull(),
    status: deliveryStatus('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [
    uniqueIndex('notification_deliveries_delivery_id_key').on(t.deliveryId),
    index('notification_deliveries_notification_idx').on(t.notificationId),
    index('notification_deliveries_webhook_idx').on(t.webhookEndpointId),
    uniqueIndex('notification_deliveries_source_channel_recipient_key').on(t.sourceOutboxId, t.channel, t.recipient),
  ],
);

/** A mutation's first result, replayed for the same key and input (design: idempotent mutations). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    /** SHA-256 of the canonical input: the same key with another input is refused. */
    inputHash: text('input_hash').notNull(),
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.key] }),
    check('idempotency_keys_key_length', sql`length(${t.key}) between 1 and 200`),
  ],
);

/** Demo-data steps already applied, so a second seed run writes nothing. */
export const seedSteps = pgTable('seed_steps', {
  id: text('id').primaryKey(),
  appliedAt: createdAt(),
});

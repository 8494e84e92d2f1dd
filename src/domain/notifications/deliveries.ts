/**
 * Sends one delivery ('deliver.email', 'deliver.webhook'). A delivery already DELIVERED is not
 * sent again; a failure records the attempt and the error, then throws so the runtime retries
 * with backoff. Both channels carry the delivery id, so a receiver drops a repeat.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { eq, sql } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { notificationDeliveries, notifications, outbox, webhookEndpoints } from '../../../db/schema/messaging.ts';
import type { Database, Queryable } from '../../database/database.ts';
import { jobPayload } from '../jobs/enqueue.ts';
import { templateTitle } from './notices.ts';
import { deliveryIdHeader, signatureHeader, signWebhook, timestampHeader } from './webhook-signature.ts';

/** The part of a nodemailer transporter the handlers use. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
}

export interface EmailSettings {
  /** Null when SMTP_URL is not set. */
  readonly mailer: MailTransport | null;
  readonly from: string;
  readonly publicUrl: string;
}

export interface WebhookSettings {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

type Delivery = typeof notificationDeliveries.$inferSelect;

async function loadDelivery(db: Database, deliveryRowId: string): Promise<Delivery | null> {
  const [row] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryRowId));
  return row ?? null;
}

/** A delivery accepted by its receiver: one more attempt, and the last error cleared. */
export async function markDelivered(db: Queryable, id: string, now: Date): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: 'DELIVERED',
      deliveredAt: now,
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastError: null,
    })
    .where(eq(notificationDeliveries.id, id));
}

async function markAttemptFailed(db: Database, id: string, message: string, final = false): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastError: message.slice(0, 2_000),
      ...(final ? { status: 'FAILED' as const } : {}),
    })
    .where(eq(notificationDeliveries.id, id));
}

export async function deliverEmail(db: Database, deliveryRowId: string, now: Date, settings: EmailSettings) {
  const delivery = await loadDelivery(db, deliveryRowId);
  if (delivery?.status !== 'PENDING' || delivery.channel !== 'EMAIL') return;
  if (!settings.mailer) {
    // SMTP_URL was removed since the delivery was recorded: nothing to send through.
    await markAttemptFailed(db, delivery.id, 'not sent: e-mail is not configured (SMTP_URL is not set)', true);
    return;
  }
  const [notification] = delivery.notificationId
    ? await db.select().from(notifications).where(eq(notifications.id, delivery.notificationId))
    : [];
  if (!notification) {
    await markAttemptFailed(db, delivery.id, 'not sent: the notification no longer exists', true);
    return;
  }
  try {
    await settings.mailer.sendMail({
      from: settings.from,
      to: delivery.recipient,
      subject: notification.title,
      text: [
        notification.title,
        '',
        `Sign in to the console to see it: ${settings.publicUrl}/inbox`,
        '',
        `Delivery ${delivery.deliveryId}`,
      ].join('\n'),
      headers: { [deliveryIdHeader]: delivery.deliveryId },
    });
  } catch (error) {
    await markAttemptFailed(db, delivery.id, (error as Error).message);
    throw error;
  }
  await markDelivered(db, delivery.id, now);
}

/** The JSON a webhook receives: IDs, the reference and titles, never the case's content. */
export async function webhookBody(db: Database, delivery: Delivery, now: Date) {
  const [source] = delivery.sourceOutboxId
    ? await db.select().from(outbox).where(eq(outbox.id, delivery.sourceOutboxId))
    : [];
  const notice = jobPayload('notify', { payload: (source?.payload ?? {}) as Record<string, unknown> });
  const [caseRow] = await db
    .select({ id: cases.id, reference: cases.reference })
    .from(cases)
    .where(eq(cases.id, notice.caseId));
  const itemType: Record<string, string> = {
    consultation: 'Consultation',
    assessment: 'Assessment',
    informationRequest: 'InformationRequest',
  };
  const item =
    notice.itemKind && notice.itemId
      ? {
          kind: notice.itemKind,
          id: itemType[notice.itemKind] ? encodeGlobalID(itemType[notice.itemKind]!, notice.itemId) : null,
        }
      : null;
  return {
    deliveryId: delivery.deliveryId,
    type: 'notification',
    template: notice.template,
    title: templateTitle(notice.template),
    occurredAt: (source?.createdAt ?? now).toISOString(),
    case: { id: encodeGlobalID('Case', notice.caseId), reference: caseRow?.reference ?? null },
    item,
  };
}

export async function deliverWebhook(db: Database, deliveryRowId: string, now: Date, settings: WebhookSettings) {
  const delivery = await loadDelivery(db, deliveryRowId);
  if (delivery?.status !== 'PENDING' || delivery.channel !== 'WEBHOOK') return;
  const [endpoint] = delivery.webhookEndpointId
    ? await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.webhookEndpointId))
    : [];
  if (!endpoint || endpoint.disabledAt) {
    await markAttemptFailed(db, delivery.id, 'not sent: the endpoint was disabled', true);
    return;
  }
  const body = JSON.stringify(await webhookBody(db, delivery, now));
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await settings.fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [signatureHeader]: signWebhook(endpoint.secret, timestamp, body),
        [timestampHeader]: String(timestamp),
        [deliveryIdHeader]: delivery.deliveryId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`webhook endpoint answered ${response.status}`);
    }
  } catch (error) {
    await markAttemptFailed(db, delivery.id, (error as Error).message);
    throw error;
  }
  await markDelivered(db, delivery.id, now);
}

/**
 * The 'notify' job: a notice the workflow engine recorded becomes inbox rows for its recipients,
 * plus one delivery row per e-mail address and per webhook endpoint of the recipients'
 * organisations, each with its own outbox row ('deliver.email', 'deliver.webhook') in the same
 * transaction, so every delivery is retried on its own. Running the job twice writes nothing new:
 * inbox rows are unique per (outbox row, person), deliveries per (outbox row, channel, recipient).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { cases } from '../../../db/schema/cases.ts';
import { notificationDeliveries, notifications, webhookEndpoints } from '../../../db/schema/messaging.ts';
import type { Database, Tx } from '../../database/database.ts';
import { enqueue, type JobPayload } from '../jobs/enqueue.ts';
import { departmentLiaisons, type Recipient, resolveRecipients } from './recipients.ts';

export type NotifyPayload = JobPayload<'notify'>;
export type DigestPayload = JobPayload<'notify.digest'>;

/** Why an e-mail delivery was not attempted. */
export const mailNotConfigured = 'not sent: e-mail is not configured (SMTP_URL is not set)';

/** A human title from a template name: 'case.returned-for-completion' → 'Case returned for completion'. */
export function templateTitle(template: string): string {
  const words = template.replace(/[.-]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The inbox title: the case reference (not its title, which may name the parties) and what happened. */
export function noticeTitle(template: string, reference: string | null): string {
  return `${reference ?? 'Case without reference'}: ${templateTitle(template)}`;
}

export interface RecordedNotice {
  /** Every inbox row of this notice (new or from an earlier run), to announce live. */
  readonly notifications: { id: string; personId: string }[];
}

export async function recordNotice(
  db: Database,
  outboxId: string,
  payload: NotifyPayload,
  now: Date,
  options: { readonly mailConfigured: boolean },
): Promise<RecordedNotice> {
  return db.transaction(async (tx) => {
    const recipients = await resolveRecipients(tx, payload);
    const [caseRow] = await tx.select({ reference: cases.reference }).from(cases).where(eq(cases.id, payload.caseId));
    const title = noticeTitle(payload.template, caseRow?.reference ?? null);
    return recordInbox(tx, outboxId, recipients, { caseId: payload.caseId, kind: payload.template, title }, now, {
      ...options,
      webhooks: true,
    });
  });
}

/** The digest's template: a department's consultations waiting for its opinion. */
export const digestTemplate = 'consultations.daily-digest';

/**
 * A department's daily digest → an inbox row (and an e-mail) for each of its active liaison
 * officers. It concerns no single case, so no webhook carries it (webhooks describe a case).
 */
export async function recordDigest(
  db: Database,
  outboxId: string,
  payload: DigestPayload,
  now: Date,
  options: { readonly mailConfigured: boolean },
): Promise<RecordedNotice> {
  return db.transaction(async (tx) => {
    const recipients = await departmentLiaisons(tx, payload.organizationId);
    const title = `${payload.pending} consultation${payload.pending === 1 ? '' : 's'} awaiting your department's opinion (${payload.day})`;
    return recordInbox(tx, outboxId, recipients, { caseId: null, kind: digestTemplate, title }, now, {
      ...options,
      webhooks: false,
    });
  });
}

/** Inbox rows for the recipients, one e-mail delivery each and, if asked, one per webhook of their organisations. */
async function recordInbox(
  tx: Tx,
  outboxId: string,
  recipients: readonly Recipient[],
  notice: { caseId: string | null; kind: string; title: string },
  now: Date,
  options: { readonly mailConfigured: boolean; readonly webhooks: boolean },
): Promise<RecordedNotice> {
  if (recipients.length > 0) {
    const inserted = await tx
      .insert(notifications)
      .values(
        recipients.map((r) => ({
          personId: r.personId,
          caseId: notice.caseId,
          kind: notice.kind,
          title: notice.title,
          sourceOutboxId: outboxId,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: notifications.id, personId: notifications.personId });
    const byPerson = new Map(inserted.map((n) => [n.personId, n.id]));
    for (const recipient of recipients) {
      const notificationId = byPerson.get(recipient.personId);
      if (!notificationId) continue;
      await addDelivery(tx, outboxId, notice.caseId, now, {
        channel: 'EMAIL',
        recipient: recipient.email.toLowerCase(),
        notificationId,
        webhookEndpointId: null,
        skipReason: options.mailConfigured ? null : mailNotConfigured,
      });
    }
    if (options.webhooks) {
      const organizationIds = [...new Set(recipients.map((r) => r.organizationId))];
      const endpoints = await tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(and(inArray(webhookEndpoints.organizationId, organizationIds), isNull(webhookEndpoints.disabledAt)));
      for (const endpoint of endpoints) {
        await addDelivery(tx, outboxId, notice.caseId, now, {
          channel: 'WEBHOOK',
          recipient: endpoint.id,
          notificationId: null,
          webhookEndpointId: endpoint.id,
          skipReason: null,
        });
      }
    }
  }
  const all = await tx
    .select({ id: notifications.id, personId: notifications.personId })
    .from(notifications)
    .where(eq(notifications.sourceOutboxId, outboxId));
  return { notifications: all };
}

async function addDelivery(
  tx: Tx,
  outboxId: string,
  caseId: string | null,
  now: Date,
  delivery: {
    channel: 'EMAIL' | 'WEBHOOK';
    recipient: string;
    notificationId: string | null;
    webhookEndpointId: string | null;
    skipReason: string | null;
  },
): Promise<void> {
  const [row] = await tx
    .insert(notificationDeliveries)
    .values({
      channel: delivery.channel,
      recipient: delivery.recipient,
      notificationId: delivery.notificationId,
      webhookEndpointId: delivery.webhookEndpointId,
      sourceOutboxId: outboxId,
      createdAt: now,
      ...(delivery.skipReason ? { status: 'FAILED' as const, lastError: delivery.skipReason } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
  if (!row || delivery.skipReason) return;
  await enqueue(
    tx,
    [
      {
        kind: delivery.channel === 'EMAIL' ? 'deliver.email' : 'deliver.webhook',
        caseId,
        payload: { deliveryId: row.id },
      },
    ],
    now,
  );
}

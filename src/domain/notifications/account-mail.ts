/**
 * Account e-mails: the activation token of an invitation and a password-reset token.
 *
 * The token has to reach the mail somehow, and only its hash is stored for sign-in. It travels in
 * the 'mail.account' outbox row written in the invitation's (or reset's) transaction — the database
 * row only: the queue job carries the row id, never the payload — and the handler removes it from
 * the row as soon as the mail is accepted by the SMTP server (or at once when e-mail is not
 * configured; the administrator then hands over the token the mutation returned). A token left in a
 * row whose mail kept failing dies with its expiry (7 days for an activation, 1 day for a reset).
 * The alternative, issuing a fresh token at send time, would silently void the token the
 * administrator was shown.
 */
import { eq, sql } from 'drizzle-orm';
import { notificationDeliveries, outbox } from '../../../db/schema/messaging.ts';
import { people } from '../../../db/schema/organizations.ts';
import type { Database, Tx } from '../../database/database.ts';
import { enqueue, type JobPayload } from '../jobs/enqueue.ts';
import { type EmailSettings, markDelivered } from './deliveries.ts';
import { mailNotConfigured } from './notices.ts';
import { deliveryIdHeader } from './webhook-signature.ts';

/** Records the account e-mail in the caller's transaction. */
export async function queueAccountMail(
  tx: Tx,
  mail: { personId: string; purpose: 'ACTIVATION' | 'PASSWORD_RESET'; token: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await enqueue(
    tx,
    [
      {
        kind: 'mail.account',
        payload: {
          personId: mail.personId,
          purpose: mail.purpose,
          token: mail.token,
          expiresAt: mail.expiresAt.toISOString(),
        },
      },
    ],
    now,
  );
}

const forgetToken = (db: Database, outboxId: string) =>
  db
    .update(outbox)
    .set({ payload: sql`${outbox.payload} - 'token'` })
    .where(eq(outbox.id, outboxId));

export async function sendAccountMail(
  db: Database,
  outboxId: string,
  payload: JobPayload<'mail.account'>,
  now: Date,
  settings: EmailSettings,
): Promise<void> {
  if (!payload.token) return;
  const [person] = await db.select({ email: people.email }).from(people).where(eq(people.id, payload.personId));
  if (!person) {
    await forgetToken(db, outboxId);
    return;
  }
  const recipient = person.email.toLowerCase();
  const [delivery] = await db
    .insert(notificationDeliveries)
    .values({
      channel: 'EMAIL',
      recipient,
      sourceOutboxId: outboxId,
      createdAt: now,
      ...(settings.mailer ? {} : { status: 'FAILED' as const, lastError: mailNotConfigured }),
    })
    .onConflictDoUpdate({
      target: [notificationDeliveries.sourceOutboxId, notificationDeliveries.channel, notificationDeliveries.recipient],
      // A no-op update, so the existing row is returned.
      set: { recipient },
    })
    .returning();
  if (!settings.mailer || !delivery || delivery.status !== 'PENDING') {
    await forgetToken(db, outboxId);
    return;
  }
  const expires = payload.expiresAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const [subject, mutation] =
    payload.purpose === 'ACTIVATION'
      ? ['Your account for industry-chain security review', 'activateAccount']
      : ['Reset your password for industry-chain security review', 'resetPassword'];
  try {
    await settings.mailer.sendMail({
      from: settings.from,
      to: recipient,
      subject,
      text: [
        payload.purpose === 'ACTIVATION' ? 'You were invited to the review system.' : 'A password reset was requested.',
        '',
        `Use this one-time token with the \`${mutation}\` mutation at ${settings.publicUrl}/graphql, before ${expires}:`,
        '',
        payload.token,
        '',
        'If you did not expect this message, ignore it.',
      ].join('\n'),
      headers: { [deliveryIdHeader]: delivery.deliveryId },
    });
  } catch (error) {
    await db
      .update(notificationDeliveries)
      .set({
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        lastError: (error as Error).message.slice(0, 2000),
      })
      .where(eq(notificationDeliveries.id, delivery.id));
    throw error;
  }
  await db.transaction(async (tx) => {
    await markDelivered(tx, delivery.id, now);
    await tx
      .update(outbox)
      .set({ payload: sql`${outbox.payload} - 'token'` })
      .where(eq(outbox.id, outboxId));
  });
}

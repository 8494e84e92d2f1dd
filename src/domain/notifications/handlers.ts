/**
 * The job handlers of notifications and live updates, by outbox topic. The job runtime (BullMQ
 * worker or the embedded runner) calls them with the outbox row; each is idempotent.
 *
 * - 'notify': a workflow notice → inbox rows, delivery rows and their 'deliver.*' jobs; announces
 *   each inbox row live. 'notify.digest': a department's daily digest, the same way.
 * - 'deliver.email', 'deliver.webhook': one delivery each, retried on its own.
 * - 'mail.account': an invitation's activation token or a password-reset token by e-mail.
 * - 'case.event': an audited change of a case, announced to its subscribers.
 */
import { createTransport } from 'nodemailer';
import type { Config } from '../../config.ts';
import { createLiveEvents, type LivePublisher } from '../../live/live-events.ts';
import type { Logger } from '../../logger.ts';
import { type JobKind, jobPayload } from '../jobs/enqueue.ts';
import type { JobHandler, JobHandlers } from '../jobs/job-handler.ts';
import { sendAccountMail } from './account-mail.ts';
import { deliverEmail, deliverWebhook, type MailTransport } from './deliveries.ts';
import { type RecordedNotice, recordDigest, recordNotice } from './notices.ts';

export type { MailTransport } from './deliveries.ts';

/** What the handlers send through; tests pass their own SMTP sink and publisher. */
export interface NotificationDeps {
  /** Null when SMTP_URL is not set: e-mail deliveries are recorded as not sent, nothing is attempted. */
  readonly mailer: MailTransport | null;
  /** The From address of every e-mail. */
  readonly mailFrom: string;
  /** Where the links in e-mails point. */
  readonly publicUrl: string;
  /** Sends a webhook request; the global fetch unless a test passes another. */
  readonly fetch?: typeof fetch;
  /** How long a webhook receiver may take to answer (default 10 s). */
  readonly webhookTimeoutMs?: number;
  readonly live: LivePublisher;
}

export function createNotificationHandlers(deps: NotificationDeps): JobHandlers {
  const email = { mailer: deps.mailer, from: deps.mailFrom, publicUrl: deps.publicUrl };
  const webhooks = { fetch: deps.fetch ?? fetch, timeoutMs: deps.webhookTimeoutMs ?? 10_000 };
  const mail = { mailConfigured: deps.mailer !== null };
  // After the commit; a failed publish fails the job, and the retry announces every row again
  // (live delivery is at least once too: subscribers see the notification id).
  const announce = async (recorded: RecordedNotice) => {
    for (const n of recorded.notifications) {
      await deps.live.publishInbox({ personId: n.personId, notificationId: n.id });
    }
  };
  const handlers: { readonly [K in JobKind]: JobHandler } = {
    notify: async (context, job) => {
      await announce(await recordNotice(context.db, job.outboxId, jobPayload('notify', job), context.now(), mail));
    },
    'notify.digest': async (context, job) => {
      await announce(
        await recordDigest(context.db, job.outboxId, jobPayload('notify.digest', job), context.now(), mail),
      );
    },
    'deliver.email': async (context, job) => {
      await deliverEmail(context.db, jobPayload('deliver.email', job).deliveryId, context.now(), email);
    },
    'deliver.webhook': async (context, job) => {
      await deliverWebhook(context.db, jobPayload('deliver.webhook', job).deliveryId, context.now(), webhooks);
    },
    'mail.account': async (context, job) => {
      await sendAccountMail(context.db, job.outboxId, jobPayload('mail.account', job), context.now(), email);
    },
    'case.event': async (_context, job) => {
      await deps.live.publishCaseEvent(jobPayload('case.event', job));
    },
  };
  return handlers;
}

/**
 * Builds the dependencies from the configuration. Pass the process's live events when the API runs
 * in the same process (the embedded runner), so subscribers see what the handlers publish; without
 * it a publisher of its own is made (right for the worker, which shares events through Redis).
 */
export function notificationDepsFromConfig(
  config: Config,
  logger: Logger,
  live?: LivePublisher,
): NotificationDeps & { close(): Promise<void> } {
  const own = live ? null : createLiveEvents({ redisUrl: config.redisUrl, logger });
  const mailer = config.mail.smtpUrl ? createTransport(config.mail.smtpUrl) : null;
  if (!mailer) logger.info('e-mail is not configured (SMTP_URL): e-mail deliveries are recorded as not sent');
  return {
    mailer,
    mailFrom: config.mail.from,
    publicUrl: config.mail.publicUrl,
    live: live ?? own!,
    close: async () => {
      mailer?.close();
      await own?.close();
    },
  };
}

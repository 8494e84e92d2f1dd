/**
 * Notifications end to end, with the handlers called as the job runtime would call them: a notice
 * becomes inbox rows (once, however often the job runs), an e-mail to a local SMTP sink and a
 * signed webhook to an endpoint that fails twice before it accepts; the inbox API shows only your
 * own; invitations go out by e-mail and the token leaves the outbox row once sent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { notificationDeliveries, notifications, outbox } from '../../db/schema/messaging.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import type { JobContext, JobHandlers } from '../../src/domain/jobs/job-handler.ts';
import { createNotificationHandlers } from '../../src/domain/notifications/handlers.ts';
import { mailNotConfigured } from '../../src/domain/notifications/notices.ts';
import { verifyWebhook } from '../../src/domain/notifications/webhook-signature.ts';
import { invitePerson } from '../../src/domain/people/invite-person.ts';
import { personActor } from '../../src/domain/people/person-actor.ts';
import { createLiveEvents, type LiveEvents } from '../../src/live/live-events.ts';
import { createLogger } from '../../src/logger.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const MON = new Date('2026-11-23T02:00:00.000Z');
const logger = createLogger({ logLevel: 'silent' });

let database: TestDatabase;
let server: TestServer;
let live: LiveEvents;
let handlers: JobHandlers;
let smtp: SMTPServer;
let receiver: Server;
const mails: { to: string; raw: string }[] = [];
const hooks: { headers: Record<string, string | undefined>; body: string; status: number }[] = [];
let failuresLeft = 2;
let relocationId: string;
const context: JobContext = {
  get db() {
    return database.db;
  },
  logger,
  now: () => MON,
};

async function pending(topic: string) {
  return database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'PENDING'), eq(outbox.topic, topic)))
    .orderBy(asc(outbox.createdAt));
}

const run = (row: typeof outbox.$inferSelect) =>
  handlers[row.topic]!(context, {
    outboxId: row.id,
    topic: row.topic,
    payload: row.payload as Record<string, unknown>,
    caseId: row.caseId,
  });

async function gql<T = Record<string, unknown>>(email: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await server.graphql<T>(query, variables, await bearerFor(database, email, MON));
  expect(result.errors).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  live = createLiveEvents({ logger });
  server = await startTestServer(database, { deps: { live, now: () => MON } });
  await database.db.update(outbox).set({ status: 'DONE' });

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo) mails.push({ to: to.address, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const status = failuresLeft-- > 0 ? 503 : 200;
      hooks.push({
        headers: {
          signature: req.headers['x-icsr-signature'] as string | undefined,
          timestamp: req.headers['x-icsr-timestamp'] as string | undefined,
          deliveryId: req.headers['x-icsr-delivery-id'] as string | undefined,
        },
        body,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  handlers = createNotificationHandlers({
    mailer: createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }),
    mailFrom: 'review@icsr.example',
    publicUrl: 'https://icsr.example',
    live,
  });
  const [relocation] = await database.db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.title, 'Relocation of the advanced packaging line to Bac Ninh, Vietnam'));
  relocationId = relocation!.id;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await server?.close();
  await live?.close();
  await database?.close();
});

describe('notifications', () => {
  let secret: string;

  it('delivers a notice to the inbox once, by e-mail, and to a signed webhook that fails twice', async () => {
    const [huaxin] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    const created = await gql<{
      createWebhookEndpoint: { __typename: string; secret: string; endpoint: { url: string } };
    }>(
      'admin@icsr.example',
      /* GraphQL */ `mutation($input: CreateWebhookEndpointInput!) {
        createWebhookEndpoint(input: $input) {
          __typename ... on WebhookEndpointCreated { secret endpoint { url } } ... on Error { message }
        }
      }`,
      {
        input: {
          organizationId: encodeGlobalID('Organization', huaxin!.id),
          url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
        },
      },
    );
    expect(created.createWebhookEndpoint.__typename).toBe('WebhookEndpointCreated');
    secret = created.createWebhookEndpoint.secret;

    const [row] = await database.db.select().from(cases).where(eq(cases.id, relocationId));
    await gql(
      'officer@icsr.example',
      /* GraphQL */ `mutation($input: CaseActionInput!) { acceptFiling(input: $input) { __typename } }`,
      { input: { caseId: encodeGlobalID('Case', relocationId), expectedVersion: row!.version } },
    );
    const [notice] = await pending('notify');
    expect(notice!.payload).toMatchObject({ audience: 'FILER', template: 'case.accepted' });
    await run(notice!);
    await run(notice!); // delivered twice by the queue: nothing new
    const inbox = await database.db.select().from(notifications).where(eq(notifications.sourceOutboxId, notice!.id));
    const [rep] = await database.db.select().from(people).where(eq(people.email, 'rep@huaxin.example'));
    expect(inbox.map((n) => n.personId)).toEqual([rep!.id]);
    expect(inbox[0]!.title).toMatch(/: Case accepted$/);

    const deliveries = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.sourceOutboxId, notice!.id));
    expect(deliveries.map((d) => d.channel).sort()).toEqual(['EMAIL', 'WEBHOOK']);
    const emailJobs = await pending('deliver.email');
    const webhookJobs = await pending('deliver.webhook');
    expect(emailJobs).toHaveLength(1);
    expect(webhookJobs).toHaveLength(1);

    await run(emailJobs[0]!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('rep@huaxin.example');
    expect(mails[0]!.raw).toContain('Case accepted');
    const emailDelivery = deliveries.find((d) => d.channel === 'EMAIL')!;
    expect(mails[0]!.raw.toLowerCase()).toContain(`x-icsr-delivery-id: ${emailDelivery.deliveryId}`);
    await run(emailJobs[0]!); // a repeat of a delivered e-mail sends nothing
    expect(mails).toHaveLength(1);

    // The runtime retries a throwing job; the receiver refuses twice, then accepts.
    await expect(run(webhookJobs[0]!)).rejects.toThrow(/503/);
    await expect(run(webhookJobs[0]!)).rejects.toThrow(/503/);
    await run(webhookJobs[0]!);
    await run(webhookJobs[0]!); // delivered: not sent again
    expect(hooks.map((h) => h.status)).toEqual([503, 503, 200]);
    const webhookDelivery = deliveries.find((d) => d.channel === 'WEBHOOK')!;
    expect(new Set(hooks.map((h) => h.headers.deliveryId))).toEqual(new Set([webhookDelivery.deliveryId]));
    const accepted = hooks.filter((h) => h.status === 200);
    expect(accepted).toHaveLength(1);
    const hook = accepted[0]!;
    expect(
      verifyWebhook(
        secret,
        { signature: hook.headers.signature, timestamp: hook.headers.timestamp },
        hook.body,
        MON.getTime() / 1000,
      ),
    ).toBe(true);
    expect(
      verifyWebhook(
        'whsec_wrong',
        { signature: hook.headers.signature, timestamp: hook.headers.timestamp },
        hook.body,
        MON.getTime() / 1000,
      ),
    ).toBe(false);
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({
      deliveryId: webhookDelivery.deliveryId,
      template: 'case.accepted',
      case: { id: encodeGlobalID('Case', relocationId) },
    });
    const [stored] = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, webhookDelivery.id));
    expect(stored).toMatchObject({ status: 'DELIVERED', attempts: 3 });
  });

  it('shows each person only their own inbox, and marks read', async () => {
    const inboxQuery = /* GraphQL */ `{ viewer { notifications(first: 10) { unreadCount edges { node { id kind read } } } } }`;
    type Inbox = {
      viewer: { notifications: { unreadCount: number; edges: { node: { id: string; read: boolean } }[] } };
    };
    const mine = await gql<Inbox>('rep@huaxin.example', inboxQuery);
    expect(mine.viewer.notifications.unreadCount).toBe(1);
    const id = mine.viewer.notifications.edges[0]!.node.id;
    const officers = await gql<Inbox>('officer@icsr.example', inboxQuery);
    expect(officers.viewer.notifications.edges.map((e) => e.node.id)).not.toContain(id);

    const mark = /* GraphQL */ `mutation($id: ID!) {
      markNotificationRead(id: $id) { __typename ... on NotificationRead { unreadCount notification { read } } }
    }`;
    const foreign = await gql<{ markNotificationRead: { __typename: string } }>('officer@icsr.example', mark, { id });
    expect(foreign.markNotificationRead.__typename).toBe('NotFound');
    const own = await gql<{ markNotificationRead: { unreadCount: number; notification: { read: boolean } } }>(
      'rep@huaxin.example',
      mark,
      { id },
    );
    expect(own.markNotificationRead).toMatchObject({ unreadCount: 0, notification: { read: true } });
    const all = await gql<{ markAllNotificationsRead: { markedCount: number } }>(
      'rep@huaxin.example',
      /* GraphQL */ `mutation { markAllNotificationsRead { ... on AllNotificationsRead { markedCount } } }`,
    );
    expect(all.markAllNotificationsRead.markedCount).toBe(0);
  });

  it('e-mails an invitation and then forgets the token', async () => {
    const [miit] = await database.db.select().from(organizations).where(eq(organizations.code, 'MIIT'));
    const admin = await personActor(database.db, 'admin@icsr.example');
    const invitation = await database.db.transaction((tx) =>
      invitePerson(
        tx,
        admin,
        { organizationId: miit!.id, email: 'new.liaison@miit.example', displayName: 'New Liaison', roles: ['LIAISON'] },
        MON,
      ),
    );
    const [job] = await pending('mail.account');
    expect(job!.payload).toMatchObject({ personId: invitation.person.id, purpose: 'ACTIVATION' });
    await run(job!);
    const mail = mails.find((m) => m.to === 'new.liaison@miit.example');
    // Quoted-printable wraps long lines with soft breaks.
    expect(mail?.raw.replace(/=\r?\n/g, '')).toContain(invitation.activationToken);
    const [after] = await database.db.select().from(outbox).where(eq(outbox.id, job!.id));
    expect(after!.payload).not.toHaveProperty('token');
    await run({ ...job!, payload: after!.payload }); // a repeat sends nothing
    expect(mails.filter((m) => m.to === 'new.liaison@miit.example')).toHaveLength(1);
  });

  it('records e-mail as not sent when SMTP is not configured, and still fills the inbox', async () => {
    const withoutMail = createNotificationHandlers({
      mailer: null,
      mailFrom: 'review@icsr.example',
      publicUrl: 'https://icsr.example',
      live,
    });
    const [notice] = await database.db
      .insert(outbox)
      .values({
        topic: 'notify',
        caseId: relocationId,
        payload: { caseId: relocationId, audience: 'FILER', template: 'case.accepted', event: 'ACCEPT' },
      })
      .returning();
    await withoutMail.notify!(context, {
      outboxId: notice!.id,
      topic: 'notify',
      payload: notice!.payload as Record<string, unknown>,
      caseId: relocationId,
    });
    const [rep] = await database.db.select().from(people).where(eq(people.email, 'rep@huaxin.example'));
    const inbox = await database.db.select().from(notifications).where(eq(notifications.sourceOutboxId, notice!.id));
    expect(inbox.map((n) => n.personId)).toEqual([rep!.id]);
    const email = await database.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.sourceOutboxId, notice!.id), eq(notificationDeliveries.channel, 'EMAIL')));
    expect(email).toMatchObject([{ status: 'FAILED', lastError: mailNotConfigured, recipient: 'rep@huaxin.example' }]);
    const jobs = await pending('deliver.email');
    expect(jobs.filter((j) => (j.payload as { deliveryId: string }).deliveryId === email[0]!.id)).toEqual([]);
  });

  it('never tells a firm of a consultation', async () => {
    const [consultationNotice] = await database.db
      .insert(outbox)
      .values({
        topic: 'notify',
        caseId: relocationId,
        // A notice wrongly addressed to the parties: the recipients' rights still decide.
        payload: { caseId: relocationId, audience: 'PARTIES', template: 'consultation.requested', event: 'CREATE' },
      })
      .returning();
    await run(consultationNotice!);
    const reached = await database.db
      .select()
      .from(notifications)
      .where(inArray(notifications.sourceOutboxId, [consultationNotice!.id]));
    expect(reached).toEqual([]);
  });

  it('lets administrators alone register, list and disable webhook endpoints', async () => {
    const [huaxin] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    const organizationId = encodeGlobalID('Organization', huaxin!.id);
    const create = /* GraphQL */ `mutation($input: CreateWebhookEndpointInput!) {
      createWebhookEndpoint(input: $input) { __typename ... on WebhookEndpointCreated { endpoint { id } } }
    }`;
    const input = { organizationId, url: 'https://hooks.huaxin.example/icsr' };
    for (const email of ['officer@icsr.example', 'rep@huaxin.example', 'auditor@icsr.example']) {
      const refused = await gql<{ createWebhookEndpoint: { __typename: string } }>(email, create, { input });
      expect(refused.createWebhookEndpoint.__typename, email).toBe('Forbidden');
    }
    const invalid = await gql<{ createWebhookEndpoint: { __typename: string } }>('admin@icsr.example', create, {
      input: { organizationId, url: 'ftp://hooks.huaxin.example' },
    });
    expect(invalid.createWebhookEndpoint.__typename).toBe('ValidationError');
    const list = /* GraphQL */ `query($org: ID) {
      webhookEndpoints(organizationId: $org) {
        __typename ... on WebhookEndpointsSuccess { data { id url disabledAt } }
      }
    }`;
    const refusedList = await gql<{ webhookEndpoints: { __typename: string } }>('rep@huaxin.example', list, {
      org: organizationId,
    });
    expect(refusedList.webhookEndpoints.__typename).toBe('Forbidden');
    const listed = await gql<{ webhookEndpoints: { data: { id: string; url: string; disabledAt: string | null }[] } }>(
      'admin@icsr.example',
      list,
      { org: organizationId },
    );
    const active = listed.webhookEndpoints.data.find((e) => e.url.includes('/hooks') && e.disabledAt === null)!;
    const disable = /* GraphQL */ `mutation($input: DisableWebhookEndpointInput!) {
      disableWebhookEndpoint(input: $input) {
        __typename ... on WebhookEndpointDisabled { endpoint { disabledAt } }
      }
    }`;
    const disabled = await gql<{ disableWebhookEndpoint: { __typename: string; endpoint: { disabledAt: string } } }>(
      'admin@icsr.example',
      disable,
      { input: { endpointId: active.id, reason: 'Receiver retired.' } },
    );
    expect(disabled.disableWebhookEndpoint.endpoint.disabledAt).not.toBeNull();
    const again = await gql<{ disableWebhookEndpoint: { __typename: string } }>('admin@icsr.example', disable, {
      input: { endpointId: active.id },
    });
    expect(again.disableWebhookEndpoint.__typename).toBe('InvalidTransition');
  });
});

/**
 * Demo data (seed step '080-demo-webhook'): a webhook endpoint registered for Huaxin by the
 * administrator, then disabled — the demo has no receiver, and an enabled endpoint pointing nowhere
 * would only fill the dead-letter list. It shows `webhookEndpoints`; register your own receiver with
 * `createWebhookEndpoint`. The demo inboxes fill themselves: the seeded cases' notices are outbox
 * rows the job runtime delivers on start.
 */
import { eq } from 'drizzle-orm';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Tx } from '../../database/database.ts';
import { personActor } from '../people/person-actor.ts';
import { createWebhookEndpoint, disableWebhookEndpoint } from './webhook-endpoints.ts';

export async function seedDemoWebhookEndpoint(tx: Tx, now: Date): Promise<void> {
  const [huaxin] = await tx.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
  if (!huaxin) throw new Error('seed: organisation HUAXIN-IC missing');
  const admin = await personActor(tx, 'admin@icsr.example');
  const { endpoint } = await createWebhookEndpoint(
    tx,
    admin,
    { organizationId: huaxin.id, url: 'http://127.0.0.1:9/huaxin-icsr-webhook' },
    now,
  );
  await disableWebhookEndpoint(tx, admin, { endpointId: endpoint.id, reason: 'Demo: no receiver is running.' }, now);
}

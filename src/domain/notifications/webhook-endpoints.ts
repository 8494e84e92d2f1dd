/**
 * Webhook endpoints, per organisation. Administrators register them, as they create service
 * accounts: both connect an organisation's systems (design §1: accounts and organisations are the
 * administrator's; case content is not, and an endpoint receives only IDs and titles). The secret is
 * returned once at creation; it is kept (not hashed) because every delivery is signed with it.
 */
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { webhookEndpoints } from '../../../db/schema/messaging.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable, Tx } from '../../database/database.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { InvalidTransitionError, NotFoundError } from '../errors.ts';
import { requireAdministrator } from '../people/require-admin.ts';
import { parseInput } from '../validation.ts';
import { newWebhookSecret } from './webhook-signature.ts';

/** Everything but the secret. */
export const webhookEndpointColumns = {
  id: webhookEndpoints.id,
  organizationId: webhookEndpoints.organizationId,
  url: webhookEndpoints.url,
  createdAt: webhookEndpoints.createdAt,
  disabledAt: webhookEndpoints.disabledAt,
};
export type WebhookEndpointView = {
  id: string;
  organizationId: string;
  url: string;
  createdAt: Date;
  disabledAt: Date | null;
};

export const ZCreateWebhookEndpointInput = z.object({
  organizationId: z.uuid(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2000)
    .refine((u) => !new URL(u).username && !new URL(u).password, 'must not carry credentials'),
});
export type TCreateWebhookEndpointInput = z.input<typeof ZCreateWebhookEndpointInput>;

export async function createWebhookEndpoint(tx: Tx, actor: Actor, input: TCreateWebhookEndpointInput, now: Date) {
  requireAdministrator(actor);
  const data = parseInput(ZCreateWebhookEndpointInput, input);
  const [organization] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, data.organizationId));
  if (!organization) throw new NotFoundError('Organization');
  const secret = newWebhookSecret();
  const [endpoint] = await tx
    .insert(webhookEndpoints)
    .values({ organizationId: organization.id, url: data.url, secret, createdAt: now, updatedAt: now })
    .returning(webhookEndpointColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'webhook_endpoint.created',
    entityKind: 'WebhookEndpoint',
    entityId: endpoint!.id,
    after: { organizationId: organization.id, url: data.url },
    occurredAt: now,
  });
  return { endpoint: endpoint!, secret };
}

export async function listWebhookEndpoints(
  db: Queryable,
  actor: Actor,
  organizationId: string | null,
): Promise<WebhookEndpointView[]> {
  requireAdministrator(actor);
  return db
    .select(webhookEndpointColumns)
    .from(webhookEndpoints)
    .where(organizationId ? eq(webhookEndpoints.organizationId, organizationId) : undefined)
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export const ZDisableWebhookEndpointInput = z.object({
  endpointId: z.uuid(),
  reason: z.string().trim().max(2000).optional(),
});

/** Disables an endpoint: it gets no new deliveries, and its pending ones are not sent. */
export async function disableWebhookEndpoint(
  tx: Tx,
  actor: Actor,
  input: z.input<typeof ZDisableWebhookEndpointInput>,
  now: Date,
) {
  requireAdministrator(actor);
  const data = parseInput(ZDisableWebhookEndpointInput, input);
  const [endpoint] = await tx
    .select(webhookEndpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, data.endpointId))
    .for('update');
  if (!endpoint) throw new NotFoundError('WebhookEndpoint');
  if (endpoint.disabledAt)
    throw new InvalidTransitionError('DISABLED', 'DISABLE', [], 'the endpoint is already disabled');
  const [updated] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: now, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpoint.id)))
    .returning(webhookEndpointColumns);
  await appendAuditEntry(tx, actor, {
    chain: adminChain,
    action: 'webhook_endpoint.disabled',
    entityKind: 'WebhookEndpoint',
    entityId: endpoint.id,
    before: { disabledAt: null },
    after: { disabledAt: now.toISOString() },
    reason: data.reason ?? null,
    occurredAt: now,
  });
  return updated!;
}

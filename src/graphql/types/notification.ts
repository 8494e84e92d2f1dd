/**
 * Notifications in the API: the viewer's inbox (a cursor connection, newest first, with the unread
 * count), marking read, and the administrators' webhook endpoints of organisations.
 */
import { encodeGlobalID, resolveCursorConnection } from '@pothos/plugin-relay';
import { ForbiddenError, ValidationError } from '../../domain/errors.ts';
import {
  listNotifications,
  loadOwnNotification,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
  notificationCursor,
  unreadCount,
} from '../../domain/notifications/inbox.ts';
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  listWebhookEndpoints,
  type WebhookEndpointView,
} from '../../domain/notifications/webhook-endpoints.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { runMutation } from '../mutation.ts';
import { mutationErrorTypes } from './errors.ts';
import { ViewerRef } from './viewer.ts';

export const NotificationRef = builder.objectRef<NotificationRow>('Notification').implement({
  description: 'A notice in your inbox: what happened on which case, by reference and title (never the content).',
  fields: (t) => ({
    id: t.id({
      description: 'Global ID of the notification.',
      resolve: (n) => encodeGlobalID('Notification', n.id),
    }),
    kind: t.exposeString('kind', {
      description: 'The notice template, e.g. case.submitted or consultation.requested.',
    }),
    title: t.exposeString('title', { description: 'The case reference and what happened.' }),
    caseId: t.id({
      nullable: true,
      description: 'Global ID of the case it concerns; fetch it with `node` (null if none).',
      resolve: (n) => (n.caseId ? encodeGlobalID('Case', n.caseId) : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it arrived.' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true, description: 'When you read it; null if unread.' }),
    read: t.boolean({ description: 'Whether you have read it.', resolve: (n) => n.readAt !== null }),
  }),
});

builder.objectField(ViewerRef, 'notifications', (t) =>
  t.connection(
    {
      type: NotificationRef,
      description: 'Your inbox, newest first (a service account has none).',
      args: {
        unreadOnly: t.arg.boolean({ required: false, description: 'Only the notifications not yet read.' }),
      },
      resolve: (viewer, args, ctx) =>
        resolveCursorConnection<Promise<NotificationRow[]>>(
          { args, toCursor: notificationCursor, defaultSize: 20, maxSize: 100 },
          ({ before, after, limit, inverted }) =>
            listNotifications(ctx.db, viewer, {
              before,
              after,
              limit,
              inverted,
              unreadOnly: args.unreadOnly ?? false,
            }),
        ),
    },
    {
      name: 'NotificationConnection',
      description: 'A page of your inbox.',
      fields: (c) => ({
        unreadCount: c.int({
          description: 'How many of your notifications are unread (all of them, not only this page).',
          resolve: (_connection, _args, ctx) => unreadCount(ctx.db, ctx.actor!),
        }),
      }),
    },
    { name: 'NotificationEdge', description: 'One notification and its cursor.' },
  ),
);

const NotificationReadRef = builder.objectRef<{ notification: NotificationRow }>('NotificationRead').implement({
  description: 'The notification, now read.',
  fields: (t) => ({
    notification: t.field({
      type: NotificationRef,
      description: 'The notification.',
      resolve: (p) => p.notification,
    }),
    unreadCount: t.int({
      description: 'How many of your notifications are still unread.',
      resolve: (_p, _args, ctx) => unreadCount(ctx.db, ctx.actor!),
    }),
  }),
});

const AllNotificationsReadRef = builder.objectRef<{ marked: number }>('AllNotificationsRead').implement({
  description: 'Every notification of yours is read.',
  fields: (t) => ({
    markedCount: t.exposeInt('marked', { description: 'How many were unread before.' }),
  }),
});

builder.mutationField('markNotificationRead', (t) =>
  t.field({
    type: NotificationReadRef,
    description: 'Marks one of your notifications read (anyone else’s is NotFound).',
    errors: { types: mutationErrorTypes },
    args: { id: t.arg.id({ required: true, description: 'Global ID of the notification.' }) },
    resolve: async (_root, args, ctx) => {
      const id = decodeId(String(args.id), 'Notification', 'id');
      await loadOwnNotification(ctx.db, ctx.actor!, id);
      return { notification: await markNotificationRead(ctx.db, ctx.actor!, id, ctx.now) };
    },
  }),
);

builder.mutationField('markAllNotificationsRead', (t) =>
  t.field({
    type: AllNotificationsReadRef,
    description: 'Marks every unread notification of yours read.',
    errors: { types: mutationErrorTypes },
    resolve: async (_root, _args, ctx) => ({ marked: await markAllNotificationsRead(ctx.db, ctx.actor!, ctx.now) }),
  }),
);

export const WebhookEndpointRef = builder.objectRef<WebhookEndpointView>('WebhookEndpoint').implement({
  description:
    "An organisation's webhook: its systems receive each notice for the organisation, signed (README: verifying).",
  fields: (t) => ({
    id: t.id({
      description: 'Global ID of the endpoint.',
      resolve: (e) => encodeGlobalID('WebhookEndpoint', e.id),
    }),
    organization: t.drizzleField({
      type: 'organizations',
      description: 'The organisation whose notices it receives.',
      resolve: async (query, e, _args, ctx) =>
        (await ctx.db.query.organizations.findFirst(query({ where: { id: e.organizationId } })))!,
    }),
    url: t.exposeString('url', { description: 'Where deliveries are POSTed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was registered.' }),
    disabledAt: t.expose('disabledAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was disabled; null while it receives deliveries.',
    }),
  }),
});

const WebhookEndpointCreatedRef = builder
  .objectRef<{ endpoint: WebhookEndpointView; secret: string }>('WebhookEndpointCreated')
  .implement({
    description: 'A new webhook endpoint and its signing secret, shown once.',
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: 'The endpoint.', resolve: (p) => p.endpoint }),
      secret: t.exposeString('secret', {
        description: 'Verify each delivery’s X-ICSR-Signature with it. Shown once.',
      }),
    }),
  });

const WebhookEndpointDisabledRef = builder
  .objectRef<{ endpoint: WebhookEndpointView }>('WebhookEndpointDisabled')
  .implement({
    description: 'The endpoint receives nothing more.',
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: 'The endpoint.', resolve: (p) => p.endpoint }),
    }),
  });

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A webhook endpoint for an organisation.',
  fields: (t) => ({
    organizationId: t.id({ required: true, description: 'Global ID of the organisation.' }),
    url: t.string({ required: true, description: 'An http:// or https:// URL that accepts POSTed JSON.' }),
  }),
});

const DisableWebhookEndpointInput = builder.inputType('DisableWebhookEndpointInput', {
  description: 'An endpoint to disable, and why.',
  fields: (t) => ({
    endpointId: t.id({ required: true, description: 'Global ID of the endpoint.' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointCreatedRef,
    description: 'Administrators: registers a webhook endpoint for an organisation; its secret is returned once.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: 'The endpoint.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        {
          operation: 'createWebhookEndpoint',
          idempotency: 'none',
          why: 'its signing secret is shown once and never stored, not even for a replay',
        },
        (tx) =>
          createWebhookEndpoint(
            tx,
            ctx.actor!,
            { organizationId: decodeId(input.organizationId, 'Organization', 'organizationId'), url: input.url },
            ctx.now,
          ),
      ),
  }),
);

builder.mutationField('disableWebhookEndpoint', (t) =>
  t.field({
    type: WebhookEndpointDisabledRef,
    description: 'Administrators: disables a webhook endpoint; deliveries still pending are not sent.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: DisableWebhookEndpointInput, required: true, description: 'The endpoint.' }) },
    resolve: async (_root, { input }, ctx) => ({
      endpoint: await runMutation(
        ctx,
        {
          operation: 'disableWebhookEndpoint',
          idempotency: 'none',
          why: 'a retry finds the endpoint already disabled',
        },
        (tx) =>
          disableWebhookEndpoint(
            tx,
            ctx.actor!,
            {
              endpointId: decodeId(input.endpointId, 'WebhookEndpoint', 'endpointId'),
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      ),
    }),
  }),
);

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpointRef],
    description: 'Administrators: the webhook endpoints, newest first; optionally of one organisation.',
    errors: { types: [ForbiddenError, ValidationError], dataField: { description: 'The endpoints.' } },
    args: { organizationId: t.arg.id({ required: false, description: 'Global ID of an organisation.' }) },
    resolve: (_root, args, ctx) =>
      listWebhookEndpoints(
        ctx.db,
        ctx.actor!,
        args.organizationId ? decodeId(String(args.organizationId), 'Organization', 'organizationId') : null,
      ),
  }),
);

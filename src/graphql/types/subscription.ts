/**
 * Live updates over server-sent events (POST or GET /graphql with `Accept: text/event-stream`,
 * authorised by the same bearer token as queries). Events carry IDs only; each is loaded with the
 * subscriber's rights when it arrives, so a subscription shows exactly what `case.timeline` and
 * the inbox would show at that moment, and stops showing a case the subscriber lost sight of.
 */
import { and, eq } from 'drizzle-orm';
import { createGraphQLError, filter, map, pipe } from 'graphql-yoga';
import { cases } from '../../../db/schema/cases.ts';
import { accessibleWhere, loadCaseFor } from '../../domain/access/authorize.ts';
import { caseSubjectFields } from '../../domain/access/subject-fields.ts';
import { type CaseEvent, loadCaseEvent } from '../../domain/audit/case-events.ts';
import { AppError, NotFoundError } from '../../domain/errors.ts';
import { loadOwnNotification, type NotificationRow } from '../../domain/notifications/inbox.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeId } from '../global-id.ts';
import { NotificationRef } from './notification.ts';
import { TimelineEntryRef } from './timeline.ts';

builder.subscriptionType({ description: 'Live updates, over server-sent events (README: live updates).' });

/** A refusal at subscription time, as a GraphQL error with the domain's code (NOT_FOUND, VALIDATION). */
function asGraphQLError(error: unknown): never {
  if (error instanceof AppError) throw createGraphQLError(error.message, { extensions: { code: error.code } });
  throw error;
}

/** An event that could not be loaded (the database is unreachable) is logged and left out. */
const skipped = (ctx: GraphQLContext) => (error: unknown) => {
  ctx.logger.warn({ err: (error as Error).message }, 'live event not sent: it could not be loaded');
  return null;
};

/** The entry as the subscriber may see it now (the same rule as the timeline), or null. */
async function visibleEntry(ctx: GraphQLContext, caseId: string, auditEntryId: string): Promise<CaseEvent | null> {
  const actor = ctx.actor!;
  const stillVisible = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, caseId), accessibleWhere(actor, 'read', 'Case', caseSubjectFields(cases))));
  if (stillVisible.length === 0) return null;
  return loadCaseEvent(ctx.db, actor, caseId, Number(auditEntryId));
}

builder.subscriptionField('caseEvents', (t) =>
  t.field({
    type: TimelineEntryRef,
    description:
      'Each audited change of a case as it happens, as far as you may see it (the same rule as `Case.timeline`).',
    args: { caseId: t.arg.id({ required: true, description: 'Global ID of the case.' }) },
    subscribe: async (_root, args, ctx) => {
      let caseId: string;
      try {
        caseId = decodeId(String(args.caseId), 'Case', 'caseId');
        await loadCaseFor(ctx.db, ctx.actor!, 'read', caseId);
      } catch (error) {
        asGraphQLError(error);
      }
      return pipe(
        ctx.live.subscribe('case-events', caseId),
        map((message) => visibleEntry(ctx, caseId, message.auditEntryId).catch(skipped(ctx))),
        filter((entry): entry is CaseEvent => entry !== null),
      );
    },
    resolve: (entry: CaseEvent) => entry,
  }),
);

builder.subscriptionField('inbox', (t) =>
  t.field({
    type: NotificationRef,
    description: 'Each new notification of yours as it arrives (a service account has no inbox).',
    subscribe: (_root, _args, ctx) => {
      const actor = ctx.actor!;
      if (actor.kind !== 'PERSON') {
        throw createGraphQLError('A service account has no inbox.', { extensions: { code: 'FORBIDDEN' } });
      }
      return pipe(
        ctx.live.subscribe('inbox', actor.personId),
        map((message) =>
          loadOwnNotification(ctx.db, actor, message.notificationId).catch((error: unknown) =>
            error instanceof NotFoundError ? null : skipped(ctx)(error),
          ),
        ),
        filter((row): row is NotificationRow => row !== null),
      );
    },
    resolve: (row: NotificationRow) => row,
  }),
);

/**
 * The case timeline (design §3): the audit entries of the case's chain, newest first, filtered by
 * the viewer's rights, and the verification of that chain.
 *
 * The rule for who sees what: whoever may read the case's audit entries (the office and auditors,
 * policies/ability.ts) sees every entry in full. Everyone else who sees the case (parties, consulted
 * departments, invited institutes) sees only the case's own state changes (the workflow engine's
 * `case.*` entries, which record the state) — what happened and when, and the state it led to —
 * without the actor, the written reasons or the before/after internals, since those name officials
 * and carry deliberations (an officer's send-back reasons, the panel's composition). Work-item and decision entries are left out for
 * them altogether: their existence would reveal consultations and assessments (design §2).
 */
import { subject } from '@casl/ability';
import { encodeGlobalID, resolveOffsetConnection } from '@pothos/plugin-relay';
import { and, desc, eq, like, type SQL, sql } from 'drizzle-orm';
import { auditEntries } from '../../../db/schema/audit.ts';
import { abilityOf } from '../../../policies/ability.ts';
import { adminChain, caseChain } from '../../domain/audit/append-audit-entry.ts';
import { verifyAuditTrail } from '../../domain/audit/verify-audit-trail.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { decodeId } from '../global-id.ts';
import { CaseRef } from './case.ts';

type AuditRow = typeof auditEntries.$inferSelect;
/** An entry as the viewer may see it: `full` false strips what only the office reads. */
export type TimelineEntry = { row: AuditRow; full: boolean };

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const TimelineEntryRef = builder.objectRef<TimelineEntry>('TimelineEntry').implement({
  description:
    'One action on a case, from its audit trail (outside the office: only state changes, without internals).',
  fields: (t) => ({
    sequence: t.int({ description: 'Position in the case chain, from 1.', resolve: (e) => e.row.sequence }),
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.row.occurredAt }),
    action: t.string({ description: 'What happened, e.g. case.approve_decision.', resolve: (e) => e.row.action }),
    entityKind: t.string({ description: 'The kind of object acted on.', resolve: (e) => e.row.entityKind }),
    actorKind: t.string({
      nullable: true,
      description: 'PERSON, SERVICE_ACCOUNT or SYSTEM; null outside the office.',
      resolve: (e) => (e.full ? e.row.actorKind : null),
    }),
    actorId: t.id({
      nullable: true,
      description: 'Global ID of the acting person; null for the system, a service account, or outside the office.',
      resolve: (e) =>
        e.full && e.row.actorKind === 'PERSON' && e.row.actorId ? encodeGlobalID('Person', e.row.actorId) : null,
    }),
    resultingState: t.string({
      nullable: true,
      description: 'For a change of the case: the state it led to.',
      resolve: (e) => {
        const after = e.row.after as { state?: unknown } | null;
        return e.row.entityKind === 'Case' && typeof after?.state === 'string' ? after.state : null;
      },
    }),
    before: t.string({
      nullable: true,
      description: 'The recorded state before, as JSON; null outside the office.',
      resolve: (e) => (e.full ? json(e.row.before) : null),
    }),
    after: t.string({
      nullable: true,
      description: 'The recorded state after, as JSON; null outside the office.',
      resolve: (e) => (e.full ? json(e.row.after) : null),
    }),
    reason: t.string({
      nullable: true,
      description: 'The written reason; null outside the office.',
      resolve: (e) => (e.full ? e.row.reason : null),
    }),
  }),
});

/** Whether the viewer reads the case's whole trail (the office and auditors). */
export function readsWholeTrail(ctx: GraphQLContext, caseId: string): boolean {
  if (!ctx.actor) return false;
  return abilityOf(ctx.actor).can(
    'read',
    subject('AuditEntry', { chain: caseChain(caseId), caseId } as Record<string, unknown>),
  );
}

/** The entries of the case's chain the viewer sees (`caseEvents` filters live events with it too). */
export function timelineWhere(caseId: string, full: boolean): SQL {
  return and(
    eq(auditEntries.chain, caseChain(caseId)),
    // Outside the office: the workflow engine's entries only, the ones that record a state (a
    // classification or a team assignment is a `case.*` action too, but no state change).
    full ? undefined : and(like(auditEntries.action, 'case.%'), sql`(${auditEntries.after} ->> 'state') is not null`),
  )!;
}

builder.drizzleObjectField(CaseRef, 'timeline', (t) =>
  t.connection({
    type: TimelineEntryRef,
    description: 'What happened on the case, newest first, as far as you may see it.',
    select: { columns: { id: true } },
    resolve: (row, args, ctx) => {
      const full = readsWholeTrail(ctx, row.id);
      const where = timelineWhere(row.id, full);
      return resolveOffsetConnection({ args }, async ({ limit, offset }) => {
        const rows = await ctx.db
          .select()
          .from(auditEntries)
          .where(where)
          .orderBy(desc(auditEntries.sequence))
          .limit(limit)
          .offset(offset);
        return rows.map((r) => ({ row: r, full }));
      });
    },
  }),
);

interface Verification {
  valid: boolean;
  entries: number;
  firstBrokenSequence: number | null;
  problem: string | null;
}

const AuditTrailVerificationRef = builder.objectRef<Verification>('AuditTrailVerification').implement({
  description: "The result of recomputing a case's hash chain.",
  fields: (t) => ({
    valid: t.exposeBoolean('valid', { description: 'Whether every entry and the chain head check out.' }),
    entries: t.exposeInt('entries', { description: 'How many entries the chain holds.' }),
    firstBrokenSequence: t.exposeInt('firstBrokenSequence', {
      nullable: true,
      description: 'The first entry that does not verify, if any.',
    }),
    problem: t.exposeString('problem', { nullable: true, description: 'What is wrong, if anything.' }),
  }),
});

builder.queryField('verifyAuditTrail', (t) =>
  t.field({
    type: AuditTrailVerificationRef,
    description: "Recomputes a case's audit chain and names the first broken entry (the office and auditors).",
    errors: { types: [NotFoundError, ForbiddenError, ValidationError] },
    args: { caseId: t.arg.id({ required: true, description: 'Global ID of the case.' }) },
    resolve: async (_root, args, ctx) => {
      const result = await verifyAuditTrail(ctx.db, ctx.actor!, {
        caseId: decodeId(String(args.caseId), 'Case', 'caseId'),
      });
      return {
        valid: result.valid,
        entries: result.entries,
        firstBrokenSequence: result.firstBrokenSequence,
        problem: result.problem,
      };
    },
  }),
);

builder.queryField('verifyAdministrativeTrail', (t) =>
  t.field({
    type: AuditTrailVerificationRef,
    description:
      'Recomputes the administrative audit chain (people, calendars, regimes) and names the first broken entry ' +
      '(auditors).',
    errors: { types: [NotFoundError, ForbiddenError, ValidationError] },
    resolve: async (_root, _args, ctx) => {
      const result = await verifyAuditTrail(ctx.db, ctx.actor!, { chain: adminChain });
      return {
        valid: result.valid,
        entries: result.entries,
        firstBrokenSequence: result.firstBrokenSequence,
        problem: result.problem,
      };
    },
  }),
);

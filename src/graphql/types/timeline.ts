/**
 * The case timeline (design §3): the audit entries of the case's chain, newest first, each redacted
 * by the one rule of policies/case-event-visibility.ts (src/domain/audit/case-events.ts applies it):
 * the office and auditors see the entries about what they may read, without the fields they may not
 * read, and who read a document only with the read log (auditors); everyone else who sees the case
 * (parties, consulted departments, invited institutes) sees only the case's state changes, without
 * the actor, the written reasons or the before/after internals.
 */
import { encodeGlobalID, resolveOffsetConnection } from '@pothos/plugin-relay';
import { adminChain } from '../../domain/audit/append-audit-entry.ts';
import { type CaseEvent, listCaseEvents } from '../../domain/audit/case-events.ts';
import { verifyAuditTrail } from '../../domain/audit/verify-audit-trail.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { CaseRef } from './case.ts';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const TimelineEntryRef = builder.objectRef<CaseEvent>('TimelineEntry').implement({
  description:
    'One action on a case, from its audit trail, as far as you may see it (outside the office: only state changes, without internals).',
  fields: (t) => ({
    sequence: t.int({ description: 'Position in the case chain, from 1.', resolve: (e) => e.row.sequence }),
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (e) => e.row.occurredAt }),
    action: t.string({ description: 'What happened, e.g. case.approve_decision.', resolve: (e) => e.row.action }),
    entityKind: t.string({ description: 'The kind of object acted on.', resolve: (e) => e.row.entityKind }),
    actorKind: t.string({
      nullable: true,
      description:
        'PERSON, SERVICE_ACCOUNT or SYSTEM; null outside the office (and for a document read, without the read log).',
      resolve: (e) => e.view.actorKind,
    }),
    actorId: t.id({
      nullable: true,
      description:
        'Global ID of the acting person; null for the system, a service account, outside the office, or a document read without the read log.',
      resolve: (e) =>
        e.view.actorKind === 'PERSON' && e.view.actorId ? encodeGlobalID('Person', e.view.actorId) : null,
    }),
    resultingState: t.string({
      nullable: true,
      description: 'For a change of the case: the state it led to.',
      resolve: (e) => e.view.resultingState,
    }),
    before: t.string({
      nullable: true,
      description: 'The recorded state before, as JSON, without the fields you may not read; null outside the office.',
      resolve: (e) => json(e.view.before),
    }),
    after: t.string({
      nullable: true,
      description: 'The recorded state after, as JSON, without the fields you may not read; null outside the office.',
      resolve: (e) => json(e.view.after),
    }),
    reason: t.string({
      nullable: true,
      description: 'The written reason; null outside the office.',
      resolve: (e) => e.view.reason,
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'timeline', (t) =>
  t.connection({
    type: TimelineEntryRef,
    description: 'What happened on the case, newest first, as far as you may see it.',
    select: { columns: { id: true } },
    resolve: (row, args, ctx) =>
      resolveOffsetConnection({ args }, (page) =>
        ctx.actor ? listCaseEvents(ctx.db, ctx.actor, row.id, page) : Promise.resolve([]),
      ),
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

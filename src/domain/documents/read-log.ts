/**
 * Who read a document's content, and when: the `document.read` entries the download route writes on
 * the case's audit chain for CONFIDENTIAL and SECRET documents. Only holders of the DocumentReadLog
 * right (auditors, policies/ability.ts) may see it; the same rule redacts the reader from the
 * timeline (policies/case-event-visibility.ts).
 */
import { and, desc, eq } from 'drizzle-orm';
import { auditEntries } from '../../../db/schema/audit.ts';
import { abilityOf } from '../../../policies/ability.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';

export interface DocumentRead {
  readonly documentId: string;
  /** The person (or service account) who downloaded it; null for the system. */
  readonly readerId: string | null;
  readonly readAt: Date;
}

/** May `actor` see who read documents? */
export const mayReadDocumentReadLog = (actor: Actor | null) =>
  actor !== null && abilityOf(actor).can('read', 'DocumentReadLog');

/**
 * The reads of a document, newest first, for an actor who may see the read log; null otherwise.
 * The document itself was already shown to the actor under its own rule. Found through the case's
 * chain (its index), not by scanning every audit entry.
 */
export async function documentReadLog(
  q: Queryable,
  actor: Actor | null,
  document: { readonly id: string; readonly caseId: string },
): Promise<DocumentRead[] | null> {
  if (!mayReadDocumentReadLog(actor)) return null;
  const rows = await q
    .select({ readerId: auditEntries.actorId, readAt: auditEntries.occurredAt })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.caseId, document.caseId),
        eq(auditEntries.action, 'document.read'),
        eq(auditEntries.entityKind, 'Document'),
        eq(auditEntries.entityId, document.id),
      ),
    )
    .orderBy(desc(auditEntries.occurredAt), desc(auditEntries.id));
  return rows.map((row) => ({ documentId: document.id, ...row }));
}

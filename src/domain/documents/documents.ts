/**
 * Documents on a case (design §3): stored in PostgreSQL with their SHA-256, size, a media type
 * sniffed from the content (never from the file name) and a classification; shared with
 * organisations outside the office. Reads of CONFIDENTIAL or SECRET documents are recorded on the
 * case's audit chain (design §2: who, when, which document).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { cases } from '../../../db/schema/cases.ts';
import { documentShares, documents } from '../../../db/schema/documents.ts';
import { organizations } from '../../../db/schema/organizations.ts';
import { levelsUpTo } from '../../../policies/ability.ts';
import { type Actor, actorId } from '../../../vocabulary/actor.ts';
import { type ClearanceLevel, clearanceLevels } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { accessibleWhere, assertCan, loadCaseFor } from '../access/authorize.ts';
import { caseSubjectFields, documentSubjectFields } from '../access/subject-fields.ts';
import { appendAuditEntry, caseChain } from '../audit/append-audit-entry.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { parseInput } from '../validation.ts';

/** Outside the office nobody classifies above this: the office decides what is confidential. */
const outsideUploadCeiling: ClearanceLevel = 'INTERNAL';

/** Reads of documents at these levels are recorded (design §2). */
const auditedReadLevels: readonly ClearanceLevel[] = ['CONFIDENTIAL', 'SECRET'];

export const ZUploadDocumentInput = z.object({
  caseId: z.uuid(),
  title: z.string().trim().min(1).max(500),
  fileName: z.string().trim().min(1).max(255),
  classification: z.enum(clearanceLevels),
  shareWith: z.array(z.uuid()).max(50).default([]),
  content: z.instanceof(Uint8Array).refine((c) => c.byteLength > 0, 'is empty'),
});
export type TUploadDocumentInput = z.input<typeof ZUploadDocumentInput>;

/** The media type of `content`: its magic number, else text/plain for valid UTF-8, else octet-stream. */
export async function sniffMediaType(content: Uint8Array): Promise<string> {
  const sniffed = await fileTypeFromBuffer(content);
  if (sniffed) return sniffed.mime;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return 'text/plain';
  } catch {
    return 'application/octet-stream';
  }
}

const isOffice = (actor: Actor) => actor.kind !== 'SYSTEM' && actor.organizationKind === 'REVIEW_OFFICE';

/**
 * Uploads a document to a case. Office staff upload to cases they may update, at most at their
 * clearance, and share with whom they choose; a party, a consulted department or an invited
 * institute uploads to a case it sees, at most INTERNAL, and the document is shared with the office.
 */
export async function uploadDocument(tx: Tx, actor: Actor, input: TUploadDocumentInput, now: Date) {
  const data = parseInput(ZUploadDocumentInput, input);
  if (actor.kind === 'SYSTEM') throw new ForbiddenError('documents are uploaded by people and their systems');
  // A case the uploader may not see does not exist for them; office staff must also be able to update it.
  const caseRow = await loadCaseFor(tx, actor, isOffice(actor) ? 'update' : 'read', data.caseId, { lock: true });
  if (!levelsUpTo(actor.clearance).includes(data.classification)) {
    throw ValidationError.single('classification', `is above your clearance (${actor.clearance})`);
  }
  if (!isOffice(actor) && !levelsUpTo(outsideUploadCeiling).includes(data.classification)) {
    throw ValidationError.single('classification', `must be at most ${outsideUploadCeiling} outside the office`);
  }
  assertCan(actor, 'create', 'Document', { classification: data.classification });

  const [office] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.kind, 'REVIEW_OFFICE'));
  let shareWith = [...new Set(data.shareWith)];
  if (!isOffice(actor)) {
    if (shareWith.some((id) => id !== office?.id)) {
      throw ValidationError.single('shareWith', 'only the office shares documents with other organisations');
    }
    shareWith = office ? [office.id] : [];
  }
  if (shareWith.length > 0) {
    const known = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.id, shareWith));
    if (known.length !== shareWith.length) throw ValidationError.single('shareWith', 'names an unknown organisation');
  }

  const content = data.content;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const mediaType = await sniffMediaType(content);
  const [row] = await tx
    .insert(documents)
    .values({
      caseId: caseRow.id,
      title: data.title,
      fileName: data.fileName,
      mediaType,
      sizeBytes: content.byteLength,
      sha256,
      classification: data.classification,
      uploadedById: uploaderId(actor),
      uploadedAt: now,
      content: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
    })
    .returning({ id: documents.id, uploadedAt: documents.uploadedAt });
  if (shareWith.length > 0) {
    await tx.insert(documentShares).values(
      shareWith.map((organizationId) => ({
        documentId: row!.id,
        organizationId,
        sharedById: uploaderId(actor),
        sharedAt: now,
      })),
    );
  }
  await tx.update(cases).set({ lastActivityAt: now }).where(eq(cases.id, caseRow.id));
  await appendAuditEntry(tx, actor, {
    chain: caseChain(caseRow.id),
    caseId: caseRow.id,
    action: 'document.uploaded',
    entityKind: 'Document',
    entityId: row!.id,
    after: {
      title: data.title,
      fileName: data.fileName,
      mediaType,
      sizeBytes: content.byteLength,
      sha256,
      classification: data.classification,
      sharedWith: shareWith,
    },
    occurredAt: now,
  });
  return {
    id: row!.id,
    caseId: caseRow.id,
    title: data.title,
    fileName: data.fileName,
    mediaType,
    sizeBytes: content.byteLength,
    sha256,
    classification: data.classification,
    sharedWith: shareWith,
    uploadedAt: row!.uploadedAt,
  };
}

/** `uploaded_by_id` names a person; a department system's upload is not one (it has no person). */
function uploaderId(actor: Actor): string {
  if (actor.kind !== 'PERSON') throw new ForbiddenError('documents are uploaded by a person');
  return actor.personId;
}

/** Documents `actor` may read: the document rules, and only while its case is readable to them. */
export function readableDocumentsWhere(actor: Actor, table: typeof documents = documents): SQL {
  const caseReadable = accessibleWhere(actor, 'read', 'Case', caseSubjectFields(cases));
  return and(
    accessibleWhere(actor, 'read', 'Document', documentSubjectFields(table)),
    sql`exists (select 1 from ${cases} where ${cases.id} = ${table.caseId} and ${caseReadable})`,
  )!;
}

/**
 * Reads a document with its content. One the actor may not see is not found, exactly like a missing
 * one. A CONFIDENTIAL or SECRET read is recorded on the case's chain in the same transaction, so
 * the content is never served without its record.
 */
export async function readDocument(tx: Tx, actor: Actor, documentId: string, now: Date) {
  if (!z.uuid().safeParse(documentId).success) throw new NotFoundError('Document');
  const [row] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), readableDocumentsWhere(actor)));
  if (!row) throw new NotFoundError('Document');
  if (auditedReadLevels.includes(row.classification)) {
    await appendAuditEntry(tx, actor, {
      chain: caseChain(row.caseId),
      caseId: row.caseId,
      action: 'document.read',
      entityKind: 'Document',
      entityId: row.id,
      after: { readerId: actorId(actor), classification: row.classification, title: row.title, sha256: row.sha256 },
      occurredAt: now,
    });
  }
  return row;
}

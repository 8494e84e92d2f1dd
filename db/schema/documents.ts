/** Documents on a case, stored in PostgreSQL so the embedded default needs nothing else. */
import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';
import { createdAt, id } from './columns.ts';
import { clearanceLevel } from './enums.ts';
import { organizations, people } from './organizations.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const documents = pgTable(
  'documents',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    /** Sniffed from the content, not trusted from the file name. */
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Hex SHA-256 of the content. */
    sha256: text('sha256').notNull(),
    /** Documents above a person's clearance are invisible to them (design §1). */
    classification: clearanceLevel('classification').notNull(),
    uploadedById: uuid('uploaded_by_id')
      .notNull()
      .references(() => people.id),
    uploadedAt: createdAt(),
    content: bytea('content').notNull(),
  },
  (t) => [
    index('documents_case_idx').on(t.caseId, t.uploadedAt),
    index('documents_uploaded_by_idx').on(t.uploadedById),
    check('documents_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('documents_size_matches', sql`${t.sizeBytes} = octet_length(${t.content})`),
  ],
);

/** Organisations outside the office a document is shared with (the office sees by clearance). */
export const documentShares = pgTable(
  'document_shares',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    sharedById: uuid('shared_by_id')
      .notNull()
      .references(() => people.id),
    sharedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.organizationId] }),
    index('document_shares_organization_idx').on(t.organizationId),
    index('document_shares_shared_by_idx').on(t.sharedById),
  ],
);

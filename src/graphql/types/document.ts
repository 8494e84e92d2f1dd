/**
 * Documents in the API: metadata only (the content is served by the REST route
 * `GET /documents/:id`, which records reads of classified documents). `Case.documents` is filtered
 * in SQL, so a document the caller may not see is invisible, not just unreadable.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { documents } from '../../../db/schema/documents.ts';
import { accessibleWhere } from '../../domain/access/authorize.ts';
import { documentSubjectFields } from '../../domain/access/subject-fields.ts';
import { type DocumentRead, documentReadLog } from '../../domain/documents/read-log.ts';
import { builder } from '../builder.ts';
import { CaseRef } from './case.ts';
import { ClearanceLevelEnum } from './enums.ts';
import { PersonRef } from './person.ts';

const DocumentReadRef = builder.objectRef<DocumentRead>('DocumentRead').implement({
  description: 'One download of a logged document.',
  fields: (t) => ({
    reader: t.field({
      type: PersonRef,
      nullable: true,
      description: 'Who downloaded it (null for a service account or the system).',
      resolve: async (r, _args, ctx) =>
        r.readerId ? ((await ctx.db.query.people.findFirst({ where: { id: r.readerId } })) ?? null) : null,
    }),
    readAt: t.expose('readAt', { type: 'DateTime', description: 'When.' }),
  }),
});

export const DocumentRef = builder.drizzleNode('documents', {
  name: 'Document',
  description: 'A document on a case: its metadata; download the content from `downloadPath`.',
  id: { column: (d) => d.id, description: 'Global ID of the document.' },
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Title given at upload.' }),
    fileName: t.exposeString('fileName', { description: 'File name given at upload (not trusted for the type).' }),
    mediaType: t.exposeString('mediaType', { description: 'Media type sniffed from the content at upload.' }),
    sizeBytes: t.exposeFloat('sizeBytes', { description: 'Size of the content in bytes.' }),
    sha256: t.exposeString('sha256', { description: 'Hex SHA-256 of the content.' }),
    classification: t.expose('classification', {
      type: ClearanceLevelEnum,
      description: 'Classification: people below it do not see the document.',
    }),
    uploadedBy: t.field({
      type: PersonRef,
      description: 'Who uploaded the document.',
      select: { columns: { uploadedById: true } },
      resolve: async (d, _args, ctx) => (await ctx.db.query.people.findFirst({ where: { id: d.uploadedById } }))!,
    }),
    uploadedAt: t.expose('uploadedAt', { type: 'DateTime', description: 'When the document was uploaded.' }),
    readLog: t.field({
      type: [DocumentReadRef],
      nullable: true,
      description:
        'Who downloaded the content and when, newest first (CONFIDENTIAL and SECRET documents are logged); ' +
        'null unless you may see the read log (auditors).',
      select: { columns: { id: true, caseId: true } },
      resolve: (d, _args, ctx) => documentReadLog(ctx.db, ctx.actor, d),
    }),
    downloadPath: t.string({
      description: 'Path of the content on this server: GET it with your bearer token.',
      select: { columns: { id: true } },
      resolve: (d) => `/documents/${encodeGlobalID('Document', d.id)}`,
    }),
  }),
});

builder.drizzleObjectField(CaseRef, 'documents', (t) =>
  t.relation('documents', {
    description:
      'Documents on the case you may see, oldest first: the office by clearance; others those shared with ' +
      'or uploaded by their organisation, within their clearance.',
    query: (_args, ctx) => ({
      where: {
        RAW: (table) =>
          accessibleWhere(ctx.actor, 'read', 'Document', documentSubjectFields(table as typeof documents)),
      },
      orderBy: { uploadedAt: 'asc', id: 'asc' },
    }),
  }),
);

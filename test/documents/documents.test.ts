/** Documents over REST and in GraphQL: upload rules, sniffing, hashes, invisibility, audited reads, limits. */
import { createHash } from 'node:crypto';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../db/schema/audit.ts';
import { cases } from '../../db/schema/cases.ts';
import { documentShares, documents } from '../../db/schema/documents.ts';
import { organizations, people } from '../../db/schema/organizations.ts';
import { verifyAuditTrail } from '../../src/domain/audit/verify-audit-trail.ts';
import { documentSizeLimitBytes } from '../../src/http/documents.ts';
import { systemActor } from '../../vocabulary/actor.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let cutoffId: string;
let acquisitionId: string;
const orgIds: Record<string, string> = {};

const cutoffTitle = 'Announced cut-off of ArF photoresist exports by two Japanese suppliers';
const acquisitionTitle = 'Proposed acquisition of Dongfang EDA Software by Meridian Capital Partners';
/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Uploaded {
  id: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  classification: string;
  sharedWith: string[];
}

/** The database id inside a global ID the REST answer carries. */
const rawId = (globalId: string) => decodeGlobalID(globalId).id;

async function upload(
  email: string | null,
  caseId: string,
  query: Record<string, string>,
  body: Uint8Array<ArrayBuffer>,
  extraHeaders: Record<string, string> = {},
): Promise<{
  status: number;
  body: { document?: Uploaded; error?: { code: string; message: string; field?: string } };
}> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...extraHeaders };
  if (email) Object.assign(headers, await bearerFor(database, email));
  const response = await fetch(`${server.url}/cases/${caseId}/documents?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: await response.json() };
}

async function download(email: string, id: string) {
  return fetch(`${server.url}/documents/${id}`, { headers: await bearerFor(database, email) });
}

async function listed(email: string, caseId: string): Promise<string[] | null> {
  const result = await server.graphql<{ node: { documents: { id: string }[] } | null }>(
    'query($id: ID!) { node(id: $id) { ... on Case { documents { id title mediaType sizeBytes sha256 downloadPath } } } }',
    { id: encodeGlobalID('Case', caseId) },
    await bearerFor(database, email),
  );
  expect(result.errors).toBeUndefined();
  return result.data!.node?.documents.map((d) => d.id) ?? null;
}

const documentCount = () => database.db.$count(documents);

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  const [cutoff] = await database.db.select().from(cases).where(eq(cases.title, cutoffTitle));
  const [acquisition] = await database.db.select().from(cases).where(eq(cases.title, acquisitionTitle));
  cutoffId = cutoff!.id;
  acquisitionId = acquisition!.id;
  for (const org of await database.db.select().from(organizations)) orgIds[org.code] = org.id;
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('documents', () => {
  let secret: Uploaded;
  let firmDoc: Uploaded;
  let sharedWithJinghua: Uploaded;

  it('are uploaded by an officer with the hash, size and the type sniffed from the content', async () => {
    const answer = await upload(
      'officer@icsr.example',
      cutoffId,
      { title: 'Supplier licensing notes', fileName: 'notes.txt', classification: 'SECRET' },
      pdf,
    );
    expect(answer.status).toBe(201);
    secret = answer.body.document!;
    expect(secret).toMatchObject({
      mediaType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      classification: 'SECRET',
    });
    const [row] = await database.db
      .select()
      .from(documents)
      .where(eq(documents.id, rawId(secret.id)));
    expect(row).toMatchObject({ sizeBytes: pdf.byteLength, sha256: secret.sha256, mediaType: 'application/pdf' });

    const shared = await upload(
      'officer@icsr.example',
      cutoffId,
      {
        title: 'Questions to Jinghua',
        fileName: 'q.txt',
        classification: 'INTERNAL',
        shareWith: orgIds['JINGHUA-PR']!,
      },
      Buffer.from('Please describe your KrF stock levels. 库存'),
    );
    expect(shared.status).toBe(201);
    sharedWithJinghua = shared.body.document!;
    expect(sharedWithJinghua.mediaType).toBe('text/plain');
  });

  it('are uploaded by a firm party at most INTERNAL, sniffed (a PNG named .pdf is a PNG), shared with the office', async () => {
    const answer = await upload(
      'rep@huaxin.example',
      encodeGlobalID('Case', cutoffId),
      { title: 'Our supply plan', fileName: 'plan.pdf', classification: 'INTERNAL' },
      png,
    );
    expect(answer.status).toBe(201);
    firmDoc = answer.body.document!;
    expect(firmDoc).toMatchObject({ mediaType: 'image/png', sizeBytes: png.byteLength });
    const shares = await database.db
      .select()
      .from(documentShares)
      .where(eq(documentShares.documentId, rawId(firmDoc.id)));
    expect(shares.map((s) => s.organizationId)).toEqual([orgIds['ICSR-OFFICE']]);

    const own = await download('rep@huaxin.example', firmDoc.id);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await own.arrayBuffer())).toEqual(png);
  });

  it('are invisible above clearance or when not shared: a 404 like a missing one', async () => {
    expect(await listed('officer@icsr.example', cutoffId)).toEqual([secret.id, sharedWithJinghua.id, firmDoc.id]);
    expect(await listed('rep@huaxin.example', cutoffId)).toEqual([firmDoc.id]);
    expect(await listed('rep@jinghua.example', cutoffId)).toEqual([sharedWithJinghua.id]);
    // The CONFIDENTIAL officer does not see the SECRET case, so none of its documents either.
    expect((await download('officer2@icsr.example', firmDoc.id)).status).toBe(404);

    const hidden = await download('rep@huaxin.example', secret.id);
    const missing = await download('rep@huaxin.example', '00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    const node = await server.graphql<{ node: unknown }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: secret.id },
      await bearerFor(database, 'rep@huaxin.example'),
    );
    expect(node.data!.node).toBeNull();
  });

  it('record each read of a SECRET document in the case’s audit chain, and not of an INTERNAL one', async () => {
    const readsOf = async (id: string) =>
      database.db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.entityId, id), eq(auditEntries.action, 'document.read')));
    const response = await download('officer@icsr.example', secret.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?notes.txt"?$/);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
    const [officer] = await database.db.select().from(people).where(eq(people.email, 'officer@icsr.example'));
    const reads = await readsOf(rawId(secret.id));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ caseId: cutoffId, actorId: officer!.id });
    await download('officer@icsr.example', firmDoc.id);
    expect(await readsOf(rawId(firmDoc.id))).toHaveLength(0);
    expect(await verifyAuditTrail(database.db, systemActor('test'), { caseId: cutoffId })).toMatchObject({
      valid: true,
    });
  });

  it('refuse an upload over the limit (413), above clearance (400 naming classification), or unsigned (401), writing nothing', async () => {
    const before = await documentCount();
    const tooLarge = await upload(
      'officer@icsr.example',
      cutoffId,
      { title: 'Huge', fileName: 'huge.bin', classification: 'INTERNAL' },
      new Uint8Array(documentSizeLimitBytes + 1),
    );
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const firmTooHigh = await upload(
      'rep@huaxin.example',
      cutoffId,
      { title: 'Secret plan', fileName: 'plan.txt', classification: 'CONFIDENTIAL' },
      Buffer.from('plan'),
    );
    expect(firmTooHigh).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', field: 'classification' } },
    });
    const officerTooHigh = await upload(
      'officer2@icsr.example',
      acquisitionId,
      { title: 'Memo', fileName: 'memo.txt', classification: 'SECRET' },
      Buffer.from('memo'),
    );
    expect(officerTooHigh.body.error).toMatchObject({ field: 'classification' });
    const unsigned = await upload(null, cutoffId, { title: 'x', fileName: 'x', classification: 'PUBLIC' }, pdf);
    expect(unsigned.status).toBe(401);
    const notParty = await upload(
      'rep@meridian.example',
      cutoffId,
      { title: 'x', fileName: 'x.txt', classification: 'PUBLIC' },
      Buffer.from('x'),
    );
    expect(notParty.status).toBe(404);
    const auditor = await upload(
      'auditor@icsr.example',
      cutoffId,
      { title: 'x', fileName: 'x.txt', classification: 'PUBLIC' },
      Buffer.from('x'),
    );
    expect(auditor.status).toBe(403);
    const noTitle = await upload('officer@icsr.example', cutoffId, { fileName: 'x', classification: 'PUBLIC' }, pdf);
    expect(noTitle.body.error).toMatchObject({ field: 'title' });
    expect(await documentCount()).toBe(before);
  });
});

describe('an upload retried with an Idempotency-Key', () => {
  it('answers the first upload again and stores one document; the same key with other bytes is refused', async () => {
    const query = { title: 'Retried minutes', fileName: 'minutes.pdf', classification: 'INTERNAL' };
    const key = { 'idempotency-key': `upload-${Date.now()}` };
    const before = await documentCount();
    const first = await upload('officer@icsr.example', cutoffId, query, pdf, key);
    const again = await upload('officer@icsr.example', cutoffId, query, pdf, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.document!.id).toBe(first.body.document!.id);
    expect(await documentCount()).toBe(before + 1);

    const otherBytes = await upload('officer@icsr.example', cutoffId, query, png, key);
    expect(otherBytes.status).toBe(400);
    expect(otherBytes.body.error).toMatchObject({ code: 'VALIDATION', field: 'idempotencyKey' });
    expect(await documentCount()).toBe(before + 1);
  });
});

describe('the read log of a document', () => {
  it('shows auditors who downloaded a logged document, newest first, and nobody else', async () => {
    const answer = await upload(
      'officer@icsr.example',
      cutoffId,
      { title: 'Logged memo', fileName: 'memo.pdf', classification: 'CONFIDENTIAL' },
      pdf,
    );
    const id = answer.body.document!.id;
    expect((await download('officer@icsr.example', id)).status).toBe(200);
    expect((await download('auditor@icsr.example', id)).status).toBe(200);

    const readLog = async (email: string) => {
      const result = await server.graphql<{
        node: { readLog: { reader: { displayName: string; email: string } | null; readAt: string }[] | null } | null;
      }>(
        'query($id: ID!) { node(id: $id) { ... on Document { readLog { reader { displayName email } readAt } } } }',
        { id },
        await bearerFor(database, email),
      );
      expect(result.errors).toBeUndefined();
      return result.data!.node!.readLog;
    };
    const seenByAuditor = await readLog('auditor@icsr.example');
    expect(seenByAuditor?.map((r) => r.reader?.email)).toEqual(['auditor@icsr.example', 'officer@icsr.example']);
    expect(await readLog('officer@icsr.example')).toBeNull();
    expect(await readLog('lead@icsr.example')).toBeNull();
  });
});

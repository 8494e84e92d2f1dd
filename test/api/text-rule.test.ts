/**
 * The one rule for text input (issue 12, findings 2 and 3), through HTTP: a NUL or another control
 * character, a lone surrogate or an over-long string is refused as a typed validation error naming
 * the field, in GraphQL arguments and input fields, REST parameters, CSV cells and file names;
 * accepted text is stored in NFC; a malformed Date or DateTime names the argument and the format.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/cases.ts';
import { chainNodes } from '../../db/schema/knowledge.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { multiLine, singleLine, textProblem } from '../../src/domain/text-rule.ts';
import { dateTimeProblem } from '../../src/graphql/types/scalars.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let officer: Record<string, string>;
let huaxin: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  officer = await bearerFor(database, 'officer@icsr.example');
  huaxin = await bearerFor(database, 'rep@huaxin.example');
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

describe('the text rule', () => {
  it.each([
    ['a NUL', 'a\u0000b', singleLine, 'U+0000'],
    ['a bell', 'a\u0007b', multiLine, 'U+0007'],
    ['a line feed in one line', 'a\nb', singleLine, 'U+000A'],
    ['a lone high surrogate', 'a\ud800b', multiLine, 'surrogate'],
    ['a lone low surrogate', '\udc00', singleLine, 'surrogate'],
    ['too long', 'x'.repeat(2_001), singleLine, 'at most 2000'],
  ])('refuses %s', (_name, value, field, reason) => {
    expect(textProblem(value, field)).toContain(reason);
  });

  it.each([
    ['tab and new lines in free text', 'a\tb\r\nc', multiLine],
    ['a surrogate pair', 'ok \ud83d\ude00', singleLine],
    ['Chinese', '产业链安全审查', singleLine],
  ])('accepts %s', (_name, value, field) => {
    expect(textProblem(value, field)).toBeNull();
  });
});

const openCase = `mutation($input: OpenCaseInput!) { openCase(input: $input) {
  __typename ... on ValidationError { message fieldErrors { field message } } ... on CaseChanged { case { id title } } } }`;

describe('GraphQL arguments and input fields', () => {
  it.each([
    ['a NUL', 'Photoresist\u0000 cut-off'],
    ['a lone surrogate', 'Photoresist \ud800 cut-off'],
    ['a line feed in a title', 'Photoresist\ncut-off'],
    ['an over-long title', 'P'.repeat(5_000)],
  ])('refuses %s as a ValidationError naming input.title', async (_name, title) => {
    const result = await server.graphql<{ openCase: { __typename: string; fieldErrors: { field: string }[] } }>(
      openCase,
      { input: { title, subject: 'SUPPLY_DISRUPTION' } },
      officer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.openCase.__typename).toBe('ValidationError');
    expect(result.data!.openCase.fieldErrors.map((e) => e.field)).toContain('input.title');
  });

  it('stores text in NFC', async () => {
    const decomposed = 'Cafe\u0301 supplier cut-off';
    const result = await server.graphql<{ openCase: { __typename: string; case: { title: string } } }>(
      openCase,
      { input: { title: decomposed, subject: 'SUPPLY_DISRUPTION', summary: 'line one\nline two' } },
      officer,
    );
    expect(result.data!.openCase.__typename).toBe('CaseChanged');
    expect(result.data!.openCase.case.title).toBe('Caf\u00e9 supplier cut-off');
    const [row] = await database.db.select().from(cases).where(eq(cases.title, 'Caf\u00e9 supplier cut-off'));
    expect(row?.summary).toBe('line one\nline two');
  });

  it('refuses a NUL in an argument of a field without a result union as a VALIDATION error', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer },
      body: JSON.stringify({
        query: 'query($a: String) { cases(first: 1, after: $a) { totalCount } }',
        variables: { a: 'x\u0000' },
      }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBeLessThan(500);
    expect(body.errors[0]!.message).not.toBe('Unexpected error.');
    expect(body.errors[0]!.extensions.code).toBe('VALIDATION');
    expect(body.errors[0]!.extensions.fieldErrors).toEqual([
      { field: 'after', message: expect.stringContaining('U+0000') },
    ]);
  });
});

describe('Date and DateTime', () => {
  const report = `mutation($input: ReportSupplyLinkInput!) { reportSupplyLink(input: $input) { __typename } }`;
  let input: Record<string, unknown>;
  beforeAll(async () => {
    const [node] = await database.db.select().from(chainNodes).where(eq(chainNodes.code, 'PHOTORESIST'));
    const { encodeGlobalID } = await import('@pothos/plugin-relay');
    input = {
      nodeId: encodeGlobalID('ChainNode', node!.id),
      supplierId: encodeGlobalID('Supplier', node!.id),
      share: 5,
    };
  });

  it.each(['20260101', '', '2026-01-01T00:00:00Z', '2026-02-30'])(
    'a malformed Date variable (%j) names the variable and the format',
    async (since) => {
      const result = await server.graphql(report, { input: { ...input, since } }, officer);
      const message = result.errors?.[0]?.message ?? '';
      expect(message).not.toBe('Unexpected error.');
      expect(message).toContain('$input');
      expect(message).toContain('YYYY-MM-DD');
    },
  );

  it.each(['"20260101"', '""', '"2026-01-01T00:00:00Z"', '20260101'])(
    'a malformed Date literal (%s) names the argument and the format',
    async (since) => {
      const result = await server.graphql(
        `mutation { reportSupplyLink(input: { nodeId: "${input.nodeId}", supplierId: "x", share: 5, since: ${since} }) { __typename } }`,
        {},
        officer,
      );
      const messages = (result.errors ?? []).map((e) => e.message);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages).not.toContain('Unexpected error.');
      expect(messages.some((m) => m.includes('Argument "input"') && m.includes('YYYY-MM-DD'))).toBe(true);
    },
  );

  it('a DateTime (no argument takes one today) is an ISO 8601 instant with its offset', () => {
    expect(dateTimeProblem('2026-10-16T15:59:59.999Z')).toBeNull();
    expect(dateTimeProblem('2026-10-16T23:59:59+08:00')).toBeNull();
    for (const bad of ['2026', '2026-10-16', '', '16/10/2026 15:59'])
      expect(dateTimeProblem(bad)).toContain('ISO 8601');
  });
});

describe('REST parameters, file names and CSV cells', () => {
  it('refuses a NUL in an upload title with 400 naming the field', async () => {
    const [row] = await database.db.select().from(cases).limit(1);
    const query = new URLSearchParams({ title: 'Annex\u0000', fileName: 'annex.txt', classification: 'INTERNAL' });
    const response = await fetch(`${server.url}/cases/${row!.id}/documents?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...officer },
      body: 'TEST DATA',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; field: string; fieldErrors: unknown[] } };
    expect(body.error).toMatchObject({ code: 'VALIDATION', field: 'title' });
    expect(body.error.fieldErrors).toEqual([{ field: 'title', message: expect.stringContaining('U+0000') }]);
  });

  it('refuses a lone surrogate in a file name with 400 naming the field', async () => {
    const [row] = await database.db.select().from(cases).limit(1);
    const response = await fetch(
      `${server.url}/cases/${row!.id}/documents?title=Annex&classification=INTERNAL&fileName=%ED%A0%80.txt`,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...officer }, body: 'TEST DATA' },
    );
    // %ED%A0%80 is not UTF-8: it decodes to U+FFFD, which is text; the name is accepted or refused, never a 500.
    expect(response.status).toBeLessThan(500);
  });

  it('refuses a NUL in a CSV cell with its row and column', async () => {
    const [firm] = await database.db.select().from(organizations).where(eq(organizations.code, 'HUAXIN-IC'));
    expect(firm).toBeDefined();
    const csv =
      'chain_code,node_code,supplier_name,supplier_country,share,since,until\nIC,PHOTORESIST,JSR\u0000,JP,10,,\n';
    const response = await fetch(`${server.url}/supplier-lists?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...huaxin },
      body: csv,
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).toContain('supplier_name');
    expect(text).toContain('U+0000');
  });
});

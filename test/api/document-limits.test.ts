/**
 * Parser limits before parsing (issue 12, finding 4): a document nested thousands of levels deep is
 * refused with HTTP 400 and a clear error before graphql-js parses it (its recursive parser would
 * overflow the stack), and the server keeps serving. Timings are in bench/, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentLimitProblem } from '../../src/graphql/document-limits.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
  server = await startTestServer(database, { env: { REQUESTS_PER_MINUTE: '100000' } });
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

/** `{ a { a { … } } }`, `depth` selections deep. */
const nestedSelection = (depth: number) => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
/** `{ a(x: [[[…]]]) }`: the nesting in a value rather than in selections. */
const nestedList = (depth: number) => `{ a(x: ${'['.repeat(depth)}${']'.repeat(depth)}) }`;

async function post(query: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

describe('documents over the limits', () => {
  it.each([
    ['5,000-deep selections', nestedSelection(5_000)],
    ['10,000-deep selections', nestedSelection(10_000)],
    ['100,000-deep selections', nestedSelection(100_000)],
    ['a 100,000-deep list value', nestedList(100_000)],
  ])('%s answer 400 with a clear error', async (_name, query) => {
    const { status, body } = await post(query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('The document nests deeper than 64 levels.');
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a long flat document answers 400 for its tokens', async () => {
    const { status, body } = await post(`{ ${'__typename '.repeat(6_000)}}`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe('The document has more than 5000 tokens.');
  });

  it('the server keeps serving', async () => {
    await post(nestedSelection(100_000));
    const { status, body } = await post('{ __typename }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('leaves syntax errors and ordinary documents to the parser', () => {
    const limits = { maxNesting: 64, maxTokens: 5_000 };
    expect(documentLimitProblem('{ a { b } }', limits)).toBeNull();
    expect(documentLimitProblem('{ a "unterminated', limits)).toBeNull();
    expect(documentLimitProblem(nestedSelection(64), limits)).toBeNull();
    expect(documentLimitProblem(nestedSelection(65), limits)).toContain('64 levels');
  });
});

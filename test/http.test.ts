import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededCases, seededInState } from './support/seeded-cases.ts';
import { bearerFor } from './support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

let database: TestDatabase;
let server: TestServer;
let api: Pick<TestServer, 'graphql'>;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database);
  api = server.as(await bearerFor(database, 'officer@icsr.example'));
});
afterAll(async () => {
  await server.close();
  await database.destroy();
});

describe('health and readiness', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready when the database answers and Redis is not configured', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      checks: { database: { status: 'up' }, redis: { status: 'not_configured' } },
    });
  });

  it('/readyz reports an unreachable Redis as degraded, not as unready', async () => {
    // A real client pointed at a port where nothing listens.
    const redis = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => {});
    const degraded = await startTestServer(database, { deps: { redis } });
    try {
      const response = await fetch(`${degraded.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
    } finally {
      redis.disconnect();
      await degraded.close();
    }
  });

  it('/readyz is unavailable when the database does not answer', async () => {
    const closed = await createTestDatabase({ seeded: false });
    const unready = await startTestServer(closed);
    await closed.destroy();
    try {
      const response = await fetch(`${unready.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', checks: { database: { status: 'down' } } });
    } finally {
      await unready.close();
    }
  });

  it('echoes a request id, or makes one', async () => {
    const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.url}/healthz`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GraphQL over HTTP', () => {
  const casesQuery = /* GraphQL */ `
    query Cases($first: Int, $after: String, $filter: CaseFilter) {
      cases(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { id reference title state filer { code } parties { role organization { code } } chainNodes { code } regime { code version } }
      }
    }`;

  it('lists the seeded cases with their relations', async () => {
    const result = await api.graphql<{
      cases: { totalCount: number; nodes: { state: string; regime: { code: string } }[] };
    }>(casesQuery, {
      first: 10,
    });
    expect(result.errors).toBeUndefined();
    // A case officer sees every filed case, and never a firm's draft.
    expect(result.data!.cases.totalCount).toBe(seededCases.length);
    expect(result.data!.cases.nodes.map((c) => c.state).sort()).toEqual(seededCases.map((c) => c.state).sort());
    expect(result.data!.cases.nodes.every((c) => c.regime.code === 'CN_CSR')).toBe(true);
  });

  it('pages with cursors and keeps the total', async () => {
    type Page = {
      cases: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] };
    };
    // Two pages: the first full, the second with the rest.
    const size = seededCases.length - 1;
    const first = await api.graphql<Page>(casesQuery, { first: size });
    expect(first.data!.cases).toMatchObject({ totalCount: seededCases.length, pageInfo: { hasNextPage: true } });
    const second = await api.graphql<Page>(casesQuery, { first: size, after: first.data!.cases.pageInfo.endCursor });
    expect(second.data!.cases.nodes).toHaveLength(1);
    expect(second.data!.cases.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.data!.cases.nodes, ...second.data!.cases.nodes].map((c) => c.id);
    expect(new Set(ids).size).toBe(seededCases.length);
  });

  it('filters by state and by text, with a matching total', async () => {
    const screening = await api.graphql<{ cases: { totalCount: number; nodes: unknown[] } }>(casesQuery, {
      filter: { states: ['SCREENING'] },
    });
    expect(screening.data!.cases.totalCount).toBe(seededInState('SCREENING').length);
    expect(screening.data!.cases.nodes).toHaveLength(seededInState('SCREENING').length);
    const text = await api.graphql<{ cases: { totalCount: number; nodes: { reference: string }[] } }>(casesQuery, {
      filter: { text: 'icsr-2026-000001' },
    });
    expect(text.data!.cases.nodes.map((c) => c.reference)).toEqual(['ICSR-2026-000001']);
    expect(text.data!.cases.totalCount).toBe(1);
  });

  it('refetches a case by global ID, and reads an unknown ID as null', async () => {
    const list = await api.graphql<{ cases: { nodes: { id: string; title: string }[] } }>(casesQuery, { first: 1 });
    const { id, title } = list.data!.cases.nodes[0]!;
    const refetch = await api.graphql<{ node: { title: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on Case { title } } }',
      { id },
    );
    expect(refetch.data!.node).toEqual({ title });
    const unknownId = Buffer.from('Case:00000000-0000-4000-8000-000000000000').toString('base64');
    const missing = await api.graphql<{ node: null }>('query($id: ID!) { node(id: $id) { id } }', { id: unknownId });
    expect(missing.data!.node).toBeNull();
  });

  it('lists organisations by kind', async () => {
    const result = await api.graphql<{ organizations: { totalCount: number; nodes: { kind: string }[] } }>(
      '{ organizations(kind: DEPARTMENT, first: 50) { totalCount nodes { kind } } }',
    );
    expect(result.data!.organizations.totalCount).toBe(7);
    expect(result.data!.organizations.nodes.every((o) => o.kind === 'DEPARTMENT')).toBe(true);
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });

  it('asks a signed-out caller to sign in', async () => {
    const result = await server.graphql('{ cases { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data?.cases ?? null).toBeNull();
  });

  it('masks unexpected errors and reports bad queries as GraphQL errors', async () => {
    const result = await api.graphql('{ cases { nope } }');
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });
});

/**
 * The fuzz suite (issue 12): fast-check inputs for every mutation of the schema and every REST route,
 * sent through HTTP as every persona (one per role, and those whose clearance or organisation makes
 * a difference): control characters, lone surrogates, huge strings, negative and huge numbers, wrong
 * enums, IDs of other types and of other organisations' objects, far and malformed dates. Whatever
 * comes in: no HTTP 5xx, no "Unexpected error.", and a refused request writes nothing (the row count
 * of every table and every audit chain head are the same before and after it).
 *
 * `npm test` runs FUZZ_RUNS (default 100) requests per property; `npm run fuzz -- --runs N` runs more
 * and prints the tally of outcomes.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/database/database.ts';
import { schema } from '../../src/graphql/schema.ts';
import { type PersonaKey, personas } from '../authorization/matrix.ts';
import { bearerFor } from '../support/sign-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 100);
// The bounded run inside `npm test` replays one fixed seed, so CI is reproducible; `npm run fuzz`
// (which sets FUZZ_RUNS) explores a fresh seed each time and prints it with any counterexample.
const seed = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : process.env.FUZZ_RUNS === undefined
    ? 20_261_202
    : undefined;

let database: TestDatabase;
let server: TestServer;
const tokens = {} as Record<PersonaKey, Record<string, string>>;
/** Global IDs of real objects of every kind (and raw UUIDs), to send where any ID is expected. */
let knownIds: string[] = [];
let rawIds: string[] = [];
let tableCounts = '';
/** Tables a refused request may write by design: failed sign-ins are counted for the lockout. */
const writtenOnRefusal = new Set(['login_attempts']);
const tally = new Map<string, number>();
const count = (outcome: string) => tally.set(outcome, (tally.get(outcome) ?? 0) + 1);

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  server = await startTestServer(database, {
    env: { REQUESTS_PER_MINUTE: '1000000', LOGIN_ATTEMPTS_PER_IP: '1000000' },
  });
  for (const [key, persona] of Object.entries(personas) as [PersonaKey, { email: string }][]) {
    tokens[key] = await bearerFor(database, persona.email);
  }
  const kinds: [string, string][] = [
    ['cases', 'Case'],
    ['organizations', 'Organization'],
    ['people', 'Person'],
    ['chain_nodes', 'ChainNode'],
    ['industry_chains', 'IndustryChain'],
    ['suppliers', 'Supplier'],
    ['supply_links', 'SupplyLink'],
    ['consultations', 'Consultation'],
    ['assessments', 'Assessment'],
    ['information_requests', 'InformationRequest'],
    ['decisions', 'Decision'],
    ['regimes', 'Regime'],
    ['calendars', 'Calendar'],
    ['industry_committees', 'IndustryCommittee'],
    ['key_technologies', 'KeyTechnology'],
    ['notifications', 'Notification'],
  ];
  for (const [table, typename] of kinds) {
    const rows = await selectRows<{ id: string }>(
      database.db,
      // A table name from the fixed list above.
      sql.raw(`select id::text as id from ${table} order by id limit 5`),
    ).catch(() => [] as { id: string }[]);
    for (const row of rows) {
      rawIds.push(row.id);
      knownIds.push(encodeGlobalID(typename, row.id));
    }
  }
  knownIds = [...new Set(knownIds)];
  rawIds = [...new Set(rawIds)];
  const tables = await selectRows<{ name: string }>(
    database.db,
    sql.raw(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    ),
  );
  tableCounts = tables
    .filter((t) => !writtenOnRefusal.has(t.name) && !t.name.startsWith('__'))
    .map((t) => `(select count(*) from "${t.name}")::text`)
    .join(` || ',' || `);
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
  const lines = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`);
  console.log(`fuzz tally (${runs} runs per property):\n${lines.join('\n')}`);
});

/** Every table's row count and every chain head: what a refused request must leave as it was. */
async function snapshot(): Promise<string> {
  const [rows] = await selectRows<{ counts: string; heads: string }>(
    database.db,
    sql.raw(
      `select ${tableCounts} as counts, (select coalesce(string_agg(chain || ':' || last_sequence || ':' || last_hash, ',' order by chain), '') from audit_chain_heads) as heads`,
    ),
  );
  return `${rows!.counts}|${rows!.heads}`;
}

// ---- arbitraries ---------------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\u0000',
    '\ud800',
    'x\udc00y',
    '\u001b[31m',
    'line\nbreak',
    '=cmd|" /C calc"!A0',
    '-1-1',
    "'; drop table cases; --",
    '<script>alert(1)</script>',
    'e\u0301',
    '产业链安全审查',
    '\u202eevil',
  ),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const anyId = () =>
  fc.oneof(
    fc.constantFrom(...knownIds),
    fc.constantFrom(...rawIds),
    fc.uuid().map((id) => encodeGlobalID('Case', id)),
    hostileText,
  );
const anyDate = fc.oneof(
  fc
    .date({ min: new Date(-8_000_000_000_000), max: new Date(8_000_000_000_000), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('20260101', '', '2026-02-30', '2026-01-01T00:00:00Z', '9999-12-31', '0000-01-01', '+275760-09-13'),
);
const anyDateTime = fc.oneof(
  fc
    .date({ min: new Date(-8_000_000_000_000), max: new Date(8_000_000_000_000), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026', 'not a date', '2026-13-01T00:00:00Z'),
);

/** A value for `type`, sometimes of the wrong kind altogether. */
function inputValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const required = isNonNullType(type);
  const inner = getNullableType(type);
  let arbitrary: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    arbitrary = depth > 3 ? fc.constant([]) : fc.array(inputValue(inner.ofType, depth + 1), { maxLength: 4 });
  } else if (isEnumType(inner)) {
    arbitrary = fc.oneof(fc.constantFrom(...inner.getValues().map((v) => v.name)), fc.constant('NOT_A_VALUE'));
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    arbitrary =
      depth > 3
        ? fc.constant({})
        : fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, depth + 1)])), {
            requiredKeys: fields.filter((f) => isNonNullType(f.type) && f.name !== 'idempotencyKey').map((f) => f.name),
          });
  } else if (isScalarType(inner)) {
    arbitrary =
      {
        String: hostileText,
        ID: anyId(),
        Int: fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2_147_483_647, -2_147_483_648)),
        Float: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 1e308, 100.001)),
        Boolean: fc.boolean(),
        Date: anyDate,
        DateTime: anyDateTime,
      }[inner.name] ?? hostileText;
  } else {
    arbitrary = fc.constant(null);
  }
  // Now and then a value of the wrong kind, or null where one is required.
  return fc.oneof(
    { weight: 12, arbitrary },
    { weight: 1, arbitrary: fc.constantFrom(null, 42, 'text', true, [], {}) },
    ...(required ? [] : [{ weight: 2, arbitrary: fc.constant(undefined) }]),
  );
}

/** The selection for a field's result: the union's member and, for an error, its message. */
function selectionOf(fieldType: ReturnType<typeof getNamedType>): string {
  if (isUnionType(fieldType) || isInterfaceType(fieldType)) return '{ __typename ... on Error { message } }';
  if (isObjectType(fieldType)) return '{ __typename }';
  return '';
}

const mutations = Object.values(schema.getMutationType()!.getFields());

function operationFor(name: string) {
  const field = schema.getMutationType()!.getFields()[name]!;
  const args = field.args as readonly GraphQLArgument[];
  const variables = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation${variables ? `(${variables})` : ''} { ${name}${passed ? `(${passed})` : ''} ${selectionOf(getNamedType(field.type))} }`;
}

const personaKeys = Object.keys(personas) as PersonaKey[];

/** `text` as a URL path segment; a lone surrogate (which encodeURIComponent refuses) as its raw UTF-8 bytes. */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

// ---- checks --------------------------------------------------------------------------------------

interface Answer {
  status: number;
  text: string;
}

/** The three rules for one answer; `refused` decides whether the snapshot must be unchanged. */
function checkAnswer(what: string, answer: Answer): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.text, what).not.toContain('Unexpected error.');
}

describe('every mutation, with hostile input, as every persona', () => {
  it(`answers without a 5xx or "Unexpected error." and writes nothing when it refuses (${runs} runs)`, async () => {
    const request = fc.oneof(
      ...mutations.map((field) =>
        fc.record({
          mutation: fc.constant(field.name),
          persona: fc.constantFrom(...personaKeys, 'anonymous' as const),
          variables: fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputValue(a.type)])), {
            requiredKeys: [],
          }),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ mutation, persona, variables }) => {
        const before = await snapshot();
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(persona === 'anonymous' ? {} : tokens[persona]) },
          body: JSON.stringify({ query: operationFor(mutation), variables }),
        });
        const answer = { status: response.status, text: await response.text() };
        checkAnswer(`${mutation} as ${persona}`, answer);
        const body = JSON.parse(answer.text) as {
          data?: Record<string, { __typename?: string; message?: string } | null> | null;
          errors?: unknown[];
        };
        const result = body.data?.[mutation];
        const typedError = result?.message !== undefined;
        const refused = answer.status >= 400 || (body.errors?.length ?? 0) > 0 || typedError;
        count(
          refused
            ? typedError
              ? `refused: ${result!.__typename}`
              : `refused: HTTP ${answer.status} / GraphQL error`
            : 'accepted',
        );
        if (refused) expect(await snapshot(), `${mutation} as ${persona} wrote while refusing`).toBe(before);
      }),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
  });
});

describe('every REST route, with hostile input, as every persona', () => {
  it(`answers without a 5xx and writes nothing when it refuses (${runs} runs)`, async () => {
    const query = fc.dictionary(
      fc.constantFrom('title', 'fileName', 'classification', 'shareWith', 'dryRun', 'reporter', 'chain'),
      hostileText.map((s) => s.slice(0, 3_000)),
      { maxKeys: 5 },
    );
    const body = fc.oneof(
      hostileText,
      fc.constantFrom(
        'chain_code,node_code,supplier_name,supplier_country,share,since,until\nIC,PHOTORESIST,"-2+3+cmd|\' /C calc\'!A0",JP,5,,\n',
        'chain_code,node_code,supplier_name,supplier_country,share,since,until\nIC,PHOTORESIST,JSR\u0000,JP,-5,2026-02-30,\n',
        '{"email":"officer@icsr.example","password":"\u0000"}',
        '{"email":"\ud800","password":1}',
      ),
    );
    const route = fc.constantFrom(
      'POST /cases/:id/documents',
      'GET /documents/:id',
      'POST /supplier-lists',
      'GET /supplier-lists/export',
      'POST /auth/login',
      'POST /auth/refresh',
      'POST /auth/logout',
    );
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.constantFrom(...personaKeys, 'anonymous' as const),
        fc.oneof(
          fc.constantFrom(...rawIds),
          fc.constantFrom(...knownIds),
          hostileText.map((s) => pathSegment(s.slice(0, 200))),
        ),
        query,
        body,
        fc.constantFrom(
          'application/json',
          'text/csv',
          'application/octet-stream',
          'application/x-www-form-urlencoded',
        ),
        async (which, persona, id, params, content, type) => {
          const [method, path] = which.split(' ') as [string, string];
          const url = `${server.url}${path.replace(':id', id)}?${new URLSearchParams(params)}`;
          const before = await snapshot();
          const response = await fetch(url, {
            method,
            headers: {
              'content-type': type,
              'x-icsr-csrf': '1',
              ...(persona === 'anonymous' ? {} : tokens[persona]),
            },
            ...(method === 'POST' ? { body: content } : {}),
          });
          const answer = { status: response.status, text: await response.text() };
          checkAnswer(`${which} as ${persona}`, answer);
          count(`${which}: HTTP ${answer.status}`);
          if (answer.status >= 400)
            expect(await snapshot(), `${which} as ${persona} wrote while refusing`).toBe(before);
        },
      ),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
  });
});

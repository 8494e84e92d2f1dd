/**
 * rulesToSql must select exactly the rows CASL's in-memory check permits. Checked on a throwaway PGlite
 * database against `ability.can(...)` for generated rows and rules, plus the fail-closed cases.
 */

import { createMongoAbility, type MongoAbility, type MongoQuery, type RawRuleOf, subject } from '@casl/ability';
import { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, exists, inArray, sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RulesToSqlError, rulesToSql, type SubjectFields } from '../../policies/rules-to-sql.ts';

const items = pgTable('items', {
  id: integer('id').primaryKey(),
  owner: text('owner'),
  state: text('state').notNull(),
  level: integer('level'),
});
const itemTags = pgTable(
  'item_tags',
  {
    itemId: integer('item_id').notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.tag] })],
);

// The correlated exists() a real `set` field uses: one row of the child table per member.
const tagged = (condition: ReturnType<typeof eq>) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(itemTags)
      .where(and(eq(itemTags.itemId, items.id), condition)),
  );

const fields: SubjectFields = {
  id: { kind: 'column', column: items.id },
  owner: { kind: 'column', column: items.owner },
  state: { kind: 'column', column: items.state },
  level: { kind: 'column', column: items.level },
  tags: {
    kind: 'set',
    contains: (value) => tagged(eq(itemTags.tag, value as string)),
    containsAny: (values) => tagged(inArray(itemTags.tag, values as string[])),
  },
};

interface Row {
  id: number;
  owner: string | null;
  state: string;
  level: number | null;
  tags: string[];
}
type Ability = MongoAbility;
type Rule = RawRuleOf<Ability>;

let client: PGlite;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  client = new PGlite();
  db = drizzle({ client });
  await client.exec(`
    create table items (id integer primary key, owner text, state text not null, level integer);
    create table item_tags (item_id integer not null references items(id), tag text not null, primary key (item_id, tag));
  `);
});
afterAll(async () => {
  await client.close();
});

async function load(rows: Row[]) {
  await client.exec('truncate item_tags, items');
  if (rows.length === 0) return;
  await db.insert(items).values(rows.map(({ tags: _tags, ...row }) => row));
  const tags = rows.flatMap((row) => row.tags.map((tag) => ({ itemId: row.id, tag })));
  if (tags.length > 0) await db.insert(itemTags).values(tags);
}

async function selectedIds(ability: Ability, action = 'read') {
  const rows = await db
    .select({ id: items.id })
    .from(items)
    .where(rulesToSql(ability, action, 'Item', fields))
    .orderBy(asc(items.id));
  return rows.map((row) => row.id);
}

const permittedIds = (ability: Ability, rows: Row[], action = 'read') =>
  rows.filter((row) => ability.can(action, subject('Item', { ...row, tags: [...row.tags] }))).map((row) => row.id);

const sample: Row[] = [
  { id: 1, owner: 'alice', state: 'open', level: 1, tags: ['red'] },
  { id: 2, owner: null, state: 'closed', level: null, tags: [] },
  { id: 3, owner: 'bob', state: 'draft', level: -2, tags: ['red', 'blue'] },
];

describe('rulesToSql examples', () => {
  beforeAll(() => load(sample));

  const check = async (rules: Rule[], expected: number[]) => {
    const ability = createMongoAbility<Ability>(rules);
    expect(permittedIds(ability, sample)).toEqual(expected); // the expectation is CASL's own answer
    expect(await selectedIds(ability)).toEqual(expected);
  };

  it('selects nothing without rules', async () => {
    await check([], []);
    await check([{ action: 'read', subject: 'Other' }], []);
  });

  it('selects everything for an unconditional can, including manage all', async () => {
    await check([{ action: 'read', subject: 'Item' }], [1, 2, 3]);
    await check([{ action: 'manage', subject: 'all' }], [1, 2, 3]);
  });

  it('lets a later cannot override a can, and a later can override a cannot', async () => {
    const can: Rule = { action: 'read', subject: 'Item' };
    const cannot: Rule = { action: 'read', subject: 'Item', inverted: true, conditions: { state: 'closed' } };
    await check([can, cannot], [1, 3]);
    await check([cannot, can], [1, 2, 3]);
    await check([can, { action: 'read', subject: 'Item', inverted: true }], []);
  });

  it('treats NULL cells as CASL does', async () => {
    await check([{ action: 'read', subject: 'Item', conditions: { owner: null } }], [2]);
    await check([{ action: 'read', subject: 'Item', conditions: { owner: { $ne: null } } }], [1, 3]);
    await check([{ action: 'read', subject: 'Item', conditions: { owner: { $ne: 'alice' } } }], [2, 3]);
    await check([{ action: 'read', subject: 'Item', conditions: { owner: { $nin: ['bob'] } } }], [1, 2]);
    await check([{ action: 'read', subject: 'Item', conditions: { owner: { $in: [null, 'bob'] } } }], [2, 3]);
    // JS compares null as 0 here, so null < 0 holds and null >= -1 holds.
    await check([{ action: 'read', subject: 'Item', conditions: { level: { $lt: 0 } } }], [2, 3]);
    await check([{ action: 'read', subject: 'Item', conditions: { level: { $gte: -1 } } }], [1, 2]);
    const can: Rule = { action: 'read', subject: 'Item' };
    await check([can, { action: 'read', subject: 'Item', inverted: true, conditions: { owner: 'alice' } }], [2, 3]);
    await check([can, { action: 'read', subject: 'Item', inverted: true, conditions: { level: { $gt: 0 } } }], [2, 3]);
  });

  it('reads a set field as an array: eq contains, ne lacks, in contains any', async () => {
    await check([{ action: 'read', subject: 'Item', conditions: { tags: 'red' } }], [1, 3]);
    await check([{ action: 'read', subject: 'Item', conditions: { tags: { $ne: 'red' } } }], [2]);
    await check([{ action: 'read', subject: 'Item', conditions: { tags: { $in: ['blue', 'green'] } } }], [3]);
    await check([{ action: 'read', subject: 'Item', conditions: { tags: { $nin: ['blue'] } } }], [1, 2]);
    await check([{ action: 'read', subject: 'Item', conditions: { tags: { $in: [] } } }], []);
  });

  const fails = (conditions: MongoQuery, message: RegExp) => {
    const ability = createMongoAbility<Ability>([{ action: 'read', subject: 'Item', conditions }]);
    expect(() => rulesToSql(ability, 'read', 'Item', fields)).toThrow(RulesToSqlError);
    expect(() => rulesToSql(ability, 'read', 'Item', fields)).toThrow(message);
  };

  it('fails closed on unknown fields', () => {
    fails({ colour: 'red' }, /unknown field "colour"/);
    fails({ $or: [{ state: 'open' }] }, /unknown field "\$or"/);
    // An unknown field inside a cannot must not be dropped either: that would widen access.
    const ability = createMongoAbility<Ability>([
      { action: 'read', subject: 'Item' },
      { action: 'read', subject: 'Item', inverted: true, conditions: { secret: true } },
    ]);
    expect(() => rulesToSql(ability, 'read', 'Item', fields)).toThrow(/unknown field "secret"/);
  });

  it('fails closed on unsupported operators and values', () => {
    fails({ state: { $regex: '^o' } }, /unsupported operator "regex" on field "state"/);
    fails({ tags: { $elemMatch: { $eq: 'red' } } }, /unsupported operator "elemMatch" on field "tags"/);
    fails({ tags: { $all: ['red'] } }, /unsupported operator "all"/);
    fails({ owner: { $exists: true } }, /unsupported operator "exists"/);
    fails({ tags: { $lt: 'z' } }, /unsupported operator "lt" on field "tags"/);
    fails({ state: /open/ }, /unsupported value \/open\//);
    fails({ level: '1' }, /unsupported value "1" for operator "eq" on field "level"/);
    fails({ level: { $in: [1, '2'] } }, /unsupported value "2"/);
    fails({ tags: null }, /unsupported value null .* "tags"/);
  });

  it('treats field-level rules as CASL does for a whole object: a can grants the row, a cannot hides no row', async () => {
    await check([{ action: 'read', subject: 'Item', fields: ['owner'] }], [1, 2, 3]);
    await check([{ action: 'read', subject: 'Item', fields: ['owner'], conditions: { state: 'open' } }], [1]);
    await check(
      [
        { action: 'read', subject: 'Item', conditions: { state: 'open' } },
        { action: 'read', subject: 'Item', fields: ['owner'], inverted: true },
      ],
      [1],
    );
  });
});

// Generated rows and rules: the SQL selection must equal CASL's answer row by row.
const owners = ['alice', 'bob', 'carol'];
const states = ['draft', 'open', 'closed'];
const tagNames = ['red', 'green', 'blue'];

const rowsArb = fc
  .array(
    fc.record({
      owner: fc.option(fc.constantFrom(...owners), { freq: 3 }),
      state: fc.constantFrom(...states),
      level: fc.option(fc.integer({ min: -2, max: 3 }), { freq: 3 }),
      tags: fc.subarray(tagNames),
    }),
    { minLength: 6, maxLength: 12 },
  )
  .map((rows) => rows.map((row, index): Row => ({ id: index + 1, ...row })));

/** Conditions on one field: a bare value (eq) or an object of operators. */
function fieldArb(values: fc.Arbitrary<unknown>, operators: string[]): fc.Arbitrary<unknown> {
  const list = fc.array(values, { maxLength: 3 });
  const operator = fc
    .constantFrom(...operators)
    .chain((op) => fc.tuple(fc.constant(`$${op}`), op === 'in' || op === 'nin' ? list : values));
  return fc.oneof(
    values,
    fc.uniqueArray(operator, { minLength: 1, maxLength: 2, selector: ([op]) => op }).map(Object.fromEntries),
  );
}

const level = fc.integer({ min: -2, max: 3 });
const fieldArbs: Record<string, fc.Arbitrary<unknown>> = {
  owner: fieldArb(fc.option(fc.constantFrom(...owners)), ['eq', 'ne', 'in', 'nin']),
  state: fc.oneof(
    fieldArb(fc.constantFrom(...states), ['eq', 'ne', 'in', 'nin']),
    fieldArb(fc.constantFrom('Draft', 'd', 'open', 'p'), ['lt', 'gte']),
  ),
  level: fc.oneof(fieldArb(fc.option(level), ['eq', 'ne', 'in', 'nin']), fieldArb(level, ['lt', 'lte', 'gt', 'gte'])),
  tags: fieldArb(fc.constantFrom(...tagNames), ['eq', 'ne', 'in', 'nin']),
};
// One or two fields per rule: more would make almost every conditional rule match nothing.
const conditionsArb = fc
  .uniqueArray(fc.constantFrom(...Object.keys(fieldArbs)), { minLength: 1, maxLength: 2 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((key) => [key, fieldArbs[key]!]))));

const ruleArb: fc.Arbitrary<Rule> = fc
  .record({
    action: fc.constantFrom('read', 'read', 'read', 'manage'),
    subject: fc.constantFrom('Item', 'Item', 'Item', 'all', 'Other'),
    inverted: fc.constantFrom(false, false, true),
    conditions: fc.option(conditionsArb, { freq: 6 }),
  })
  .map(({ conditions, ...rule }) => (conditions === null ? rule : { ...rule, conditions }) as Rule);

describe('rulesToSql against CASL', () => {
  it('selects exactly the rows ability.can permits', async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.array(ruleArb, { minLength: 1, maxLength: 5 }), async (rows, rules) => {
        const ability = createMongoAbility<Ability>(rules);
        const expected = permittedIds(ability, rows);
        if (expected.length > 0 && expected.length < rows.length) nonTrivial++;
        await load(rows);
        expect(await selectedIds(ability)).toEqual(expected);
      }),
      { numRuns: 400, seed: 20261125 },
    );
    // Guard against a generator that only ever produces all-or-nothing answers.
    expect(nonTrivial).toBeGreaterThan(120);
  });
});

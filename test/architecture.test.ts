/**
 * Which way imports run (ARCHITECTURE.md): the vocabulary at the ground floor imports nothing of
 * ours; the database schema, the workflow definitions and the policies import only the vocabulary
 * (and their own folder); the domain imports no transport (GraphQL, HTTP) and not the job runtime;
 * the console imports nothing of the server's but its generated types. Read from the sources, so a
 * new import that breaks a direction fails here before it spreads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A rule: files under `from` may import only `allow` (when given) and never `deny`. */
interface Rule {
  readonly from: string;
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
  readonly why: string;
}

const rules: readonly Rule[] = [
  { from: 'vocabulary/', allow: ['vocabulary/'], why: 'the vocabulary is the ground floor' },
  { from: 'db/', allow: ['db/', 'vocabulary/'], why: 'the schema describes tables in the vocabulary, nothing more' },
  { from: 'workflows/', allow: ['workflows/', 'vocabulary/'], why: 'lifecycles are data over the vocabulary' },
  { from: 'policies/', allow: ['policies/', 'vocabulary/'], why: 'policies are pure functions over the vocabulary' },
  {
    from: 'src/domain/',
    deny: ['src/graphql/', 'src/http/', 'src/jobs/', 'src/app.ts', 'src/main.ts', 'src/worker.ts', 'web/'],
    why: 'the domain owns transactions and knows no transport or job runtime',
  },
  { from: 'web/src/', allow: ['web/'], why: 'the console talks to the server through the API only' },
];

const specifier =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Each relative import of a source file, as a path from the repository's root. */
function importsOf(file: string, source: string): string[] {
  return [...source.matchAll(specifier)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? m[2]!)),
  );
}

function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, source] of files) {
    for (const rule of rules.filter((r) => file.startsWith(r.from))) {
      for (const target of importsOf(file, source)) {
        const allowed = rule.allow ? rule.allow.some((a) => target.startsWith(a)) : true;
        const denied = rule.deny?.some((d) => target.startsWith(d)) ?? false;
        if (!allowed || denied) found.push(`${file} imports ${target}: ${rule.why}`);
      }
    }
  }
  return found;
}

/** Each import cycle among `files` (as the ring of files), found by depth-first search. */
function cycles(files: ReadonlyMap<string, string>): string[] {
  const graph = new Map(
    [...files].map(([file, source]) => [file, importsOf(file, source).filter((t) => files.has(t))]),
  );
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

function sources(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'migrations')
        sources(relative, into);
    } else if (/\.(ts|tsx)$/.test(entry.name)) {
      into.set(relative, readFileSync(path.join(root, relative), 'utf8'));
    }
  }
  return into;
}

describe('import directions', () => {
  it('hold across the sources', () => {
    const files = new Map<string, string>();
    for (const dir of ['vocabulary', 'db', 'workflows', 'policies', 'src', 'web/src']) sources(dir, files);
    expect(files.size).toBeGreaterThan(200);
    expect(violations(files)).toEqual([]);
  });

  it('form no cycles: each module can be read after the ones it imports', () => {
    const files = new Map<string, string>();
    for (const dir of ['vocabulary', 'db', 'workflows', 'policies', 'src']) sources(dir, files);
    // Tables that reference each other (a case's current clock, a clock's case) are the one
    // exception: drizzle resolves foreign keys lazily, and the data itself is a cycle.
    expect(cycles(files)).toEqual(['db/schema/cases.ts → db/schema/clocks.ts → db/schema/cases.ts']);
    expect(
      cycles(
        new Map([
          ['policies/a.ts', "import type { B } from './b.ts';"],
          ['policies/b.ts', "import { a } from './a.ts';"],
        ]),
      ),
    ).toEqual(['policies/a.ts → policies/b.ts → policies/a.ts']);
  });

  it('catch an import that runs the wrong way, static or dynamic', () => {
    const files = new Map([
      ['vocabulary/terms.ts', "import { x } from '../src/domain/cases/case-filing.ts';"],
      [
        'workflows/case.workflow.ts',
        "import type { Tx } from '../src/database/database.ts';\nimport { y } from './definition.ts';",
      ],
      ['src/domain/cases/list.ts', "const m = await import('../../graphql/builder.ts');"],
      ['src/domain/cases/ok.ts', "import { z } from '../../../vocabulary/terms.ts';"],
      ['web/src/App.tsx', "export { a } from '../../src/domain/errors.ts';"],
    ]);
    expect(violations(files)).toEqual([
      'vocabulary/terms.ts imports src/domain/cases/case-filing.ts: the vocabulary is the ground floor',
      'workflows/case.workflow.ts imports src/database/database.ts: lifecycles are data over the vocabulary',
      'src/domain/cases/list.ts imports src/graphql/builder.ts: the domain owns transactions and knows no transport or job runtime',
      'web/src/App.tsx imports src/domain/errors.ts: the console talks to the server through the API only',
    ]);
  });
});

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'icsr-drift-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the drizzle schema and the committed migrations', () => {
  it('agree: generating a migration from the schema produces nothing', async () => {
    const out = path.join(work, 'migrations');
    cpSync(path.join(root, 'db/migrations'), out, { recursive: true });
    const before = readdirSync(out).sort();
    const config = path.join(work, 'drizzle.config.ts');
    writeFileSync(
      config,
      `export default ${JSON.stringify({ dialect: 'postgresql', schema: path.join(root, 'db/schema/*.ts'), out })};\n`,
    );
    const { stdout } = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/drizzle-kit'),
      ['generate', '--config', config, '--name', 'drift'],
      { cwd: root },
    );
    expect(readdirSync(out).sort(), `drizzle-kit wrote a migration:\n${stdout}`).toEqual(before);
    expect(stdout).toContain('No schema changes');
  });
});

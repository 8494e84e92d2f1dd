/**
 * Writes `docs/workflows.md` from the workflow definitions; `--check` only compares and exits 1
 * when the committed file is stale, so CI catches a definition changed without its diagram.
 *
 * Usage: `tsx scripts/workflows-diagram.ts [--check]`
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderWorkflowsMarkdown } from '../workflows/diagram.ts';

const target = fileURLToPath(new URL('../docs/workflows.md', import.meta.url));
const rendered = renderWorkflowsMarkdown();

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== rendered) {
    console.error('docs/workflows.md is stale: run `tsx scripts/workflows-diagram.ts` and commit the result.');
    process.exit(1);
  }
  console.log('docs/workflows.md is current.');
} else {
  await writeFile(target, rendered);
  console.log('wrote docs/workflows.md');
}

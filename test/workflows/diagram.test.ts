import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderStateDiagram, renderWorkflowsMarkdown } from '../../workflows/diagram.ts';
import { currentWorkflows } from '../../workflows/registry.ts';

describe('docs/workflows.md', () => {
  it('is current: regenerate it with `tsx scripts/workflows-diagram.ts` when a definition changes', async () => {
    const committed = await readFile(new URL('../../docs/workflows.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderWorkflowsMarkdown());
  });

  it.each(Object.values(currentWorkflows))('draws every transition of the $id workflow', (definition) => {
    const diagram = renderStateDiagram(definition);
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain(`[*] --> ${definition.initial}`);
    for (const transition of definition.transitions) {
      for (const from of transition.from)
        expect(diagram).toContain(`${from} --> ${transition.to}: ${transition.event}`);
    }
    for (const state of definition.terminal) expect(diagram).toContain(`${state} --> [*]`);
  });
});

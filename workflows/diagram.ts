/**
 * Renders the workflow definitions as Markdown with Mermaid state diagrams (issue 5, item 7).
 *
 * The page is drawn from the same tables the engine runs, and a test compares it with the
 * committed `docs/workflows.md`, so the documentation cannot drift from the rules.
 */
import type { Effect, Transition, WorkflowDefinition, WorkflowId } from './definition.ts';
import { currentWorkflows } from './registry.ts';

const titles: Record<WorkflowId, string> = {
  case: 'Case',
  consultation: 'Consultation',
  assessment: 'Assessment',
  informationRequest: 'Information request',
  representationRequest: 'Representation request',
  appeal: 'Appeal',
  condition: 'Condition',
};

/** An effect in words, for the transition tables. */
export function describeEffect(effect: Effect): string {
  switch (effect.kind) {
    case 'startClock':
      return `start ${effect.phase} clock`;
    case 'stopClock':
      return `stop ${effect.phase} clock`;
    case 'pauseClock':
    case 'resumeClock': {
      const verb = effect.kind === 'pauseClock' ? 'pause' : 'resume';
      return `${verb} ${effect.phase} clock${effect.onlyIf ? ` where regime ${effect.onlyIf}` : ''}`;
    }
    case 'extendClock':
      return `extend ${effect.phase} clock`;
    case 'stopAllClocks':
      return 'stop all clocks';
    case 'assignReference':
      return 'assign reference number';
    case 'notify':
      return `notify ${effect.audience} (${effect.template})`;
  }
}

/** Table cells must not break the row: pipes are escaped, an empty cell shows a dash. */
function cell(parts: readonly string[]): string {
  return parts.length === 0 ? '—' : parts.join('<br>').replaceAll('|', '\\|');
}

const code = (text: string): string => `\`${text}\``;

/** The Mermaid `stateDiagram-v2` of one definition: one edge per (from, to, event). */
export function renderStateDiagram(definition: WorkflowDefinition): string {
  const edges = new Set<string>();
  for (const transition of definition.transitions) {
    for (const from of transition.from) edges.add(`  ${from} --> ${transition.to}: ${transition.event}`);
  }
  return [
    'stateDiagram-v2',
    `  [*] --> ${definition.initial}`,
    ...edges,
    ...definition.terminal.map((state) => `  ${state} --> [*]`),
  ].join('\n');
}

function renderTransitionRow(transition: Transition): string {
  const columns = [
    code(transition.event),
    `${transition.from.map(code).join(', ')} → ${code(transition.to)}`,
    cell(transition.by.map(code)),
    cell(transition.guards.map(code)),
    cell(transition.effects.map(describeEffect)),
    cell([transition.description]),
  ];
  return `| ${columns.join(' | ')} |`;
}

/** One definition's section: description, diagram and the full transition table. */
export function renderWorkflowSection(definition: WorkflowDefinition): string {
  return [
    `## ${titles[definition.id]} (${code(definition.id)}, version ${definition.version})`,
    '',
    definition.description,
    '',
    `States: ${definition.states.map(code).join(', ')}. Initial: ${code(definition.initial)}. ` +
      `Terminal: ${definition.terminal.map(code).join(', ')}.`,
    '',
    `On creation: ${definition.onCreate.length === 0 ? 'nothing' : definition.onCreate.map(describeEffect).join('; ')}.`,
    '',
    '```mermaid',
    renderStateDiagram(definition),
    '```',
    '',
    '| Event | From → to | Sent by | Guards | Effects | Description |',
    '|---|---|---|---|---|---|',
    ...definition.transitions.map(renderTransitionRow),
  ].join('\n');
}

/** The whole `docs/workflows.md`: a short introduction, then every current definition. */
export function renderWorkflowsMarkdown(): string {
  const intro = [
    '# Workflows',
    '',
    '<!-- Generated from workflows/*.workflow.ts by `npx tsx scripts/workflows-diagram.ts`; do not edit. -->',
    '',
    'Each lifecycle below is the data the workflow engine runs (design §4): its states, the events',
    'that move it, who may send each event (a role, or `SYSTEM` for clock expiries), the guards the',
    'event must pass and the effects it asks for. Clock effects are applied in the same transaction as',
    'the state change; notices are written to the outbox and delivered later. Where one event has two',
    'rows from the same state, the guards tell them apart and the first row whose guards pass is taken.',
    '',
  ].join('\n');
  const sections = Object.values(currentWorkflows).map((definition) => renderWorkflowSection(definition));
  return `${intro}\n${sections.join('\n\n')}\n`;
}

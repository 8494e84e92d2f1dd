/**
 * The numbered cases the demo seed makes (src/seed/demo-data.ts), in reference order, as tests that
 * count or list them read them: a seed step that adds a case adds it here, once. The seed also leaves
 * one firm's draft, which has no reference and which the office never sees.
 */
export const seededCases = [
  { reference: 'ICSR-2026-000001', state: 'SUBMITTED', subject: 'RELOCATION' },
  { reference: 'ICSR-2026-000002', state: 'SCREENING', subject: 'SUPPLY_DISRUPTION' },
  { reference: 'ICSR-2026-000003', state: 'SCREENING', subject: 'ACQUISITION' },
  { reference: 'ICSR-2026-000004', state: 'REVIEW', subject: 'CAPABILITY_GAP' },
] as const;

/** The seeded cases in a given state. */
export const seededInState = (state: string) => seededCases.filter((c) => c.state === state);

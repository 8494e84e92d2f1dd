/** What an assessor must do next on an assessment, in words (a key of `assessor.next.*`). */
export function nextStep(a: { state: string; declaredByYou: boolean }): string {
  if (a.state === 'INVITED') return a.declaredByYou ? 'acceptOrDecline' : 'declare';
  if (a.state === 'ACCEPTED') return 'report';
  if (a.state === 'RETURNED') return 'revise';
  if (a.state === 'SUBMITTED') return 'awaitOffice';
  return 'nothing';
}

/** Whether the step waits on the assessor (the list's first table) or on others. */
export const waitsOnAssessor = (step: string) => ['declare', 'acceptOrDecline', 'report', 'revise'].includes(step);

/** The running assessment clock of a case (an institute sees only its own work items' clocks). */
export const assessmentClock = <K extends { phase: string; stoppedAt?: string | null }>(clocks: readonly K[]) =>
  clocks.filter((k) => k.phase === 'ASSESSMENT' && !k.stoppedAt).at(-1) ?? null;

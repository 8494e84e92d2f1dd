/**
 * A firm's view of its case in plain words: what happens next in each state (a key of
 * `firm.next.*`) and which clock says by when.
 */
export const nextKey = (state: string) => `firm.next.${state}`;

/** The clock phase whose due day answers "by when" in each state, for a firm. */
export const clockForState: Record<string, string | undefined> = {
  SUBMITTED: 'ACCEPTANCE',
  RETURNED: 'RESUBMISSION',
  SCREENING: 'SCREENING',
  REVIEW: 'REVIEW',
  IN_DEPTH: 'IN_DEPTH',
  DECISION_PROPOSED: 'REPRESENTATIONS',
  DECIDED: 'APPEAL_WINDOW',
  APPEALED: 'APPEAL_DECISION',
  MONITORING: 'CONDITION',
};

/** The running clock of `phase` among the case's clocks (the latest one not stopped). */
export function runningClock<K extends { phase: string; stoppedAt?: string | null }>(
  clocks: readonly K[],
  phase: string | undefined,
): K | null {
  if (!phase) return null;
  return clocks.filter((k) => k.phase === phase && !k.stoppedAt).at(-1) ?? null;
}

/**
 * Whether the API says `event` is possible for the viewer now. The one place that reads
 * `availableActions` for the firm's pages.
 */
export const offers = (availableActions: readonly { event: string; possible: boolean }[], event: string) =>
  availableActions.some((action) => action.event === event && action.possible);

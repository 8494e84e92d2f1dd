/**
 * Outside the office one reads only what is addressed to one's own organisation (design §2): a
 * department liaison, a firm's representative or an institute's assessor sees the requests for
 * representations sent to their organisation, not those sent to the other parties.
 */
import type { Actor } from '../vocabulary/actor.ts';
import type { Role } from '../vocabulary/terms.ts';

/** The roles of people outside the review office. */
export const outsideRoles: readonly Role[] = ['LIAISON', 'FIRM_REPRESENTATIVE', 'ASSESSOR'];

/** The organisation an actor's reading is limited to: theirs for an outsider, null for the office and the system. */
export function addressedOnlyTo(actor: Actor | null): string | null {
  if (!actor || actor.kind === 'SYSTEM') return null;
  return actor.roles.every((role) => outsideRoles.includes(role)) ? actor.organizationId : null;
}

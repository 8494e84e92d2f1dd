/** Who is acting: a signed-in person, a department system's service account, or the system itself. */
import type { ClearanceLevel, OrganizationKind, Role } from './terms.ts';

export interface PersonActor {
  readonly kind: 'PERSON';
  readonly personId: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
  readonly roles: readonly Role[];
  readonly clearance: ClearanceLevel;
}

export interface ServiceAccountActor {
  readonly kind: 'SERVICE_ACCOUNT';
  readonly serviceAccountId: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
  readonly roles: readonly Role[];
  readonly clearance: ClearanceLevel;
}

/** Clock expiries, the seed and maintenance scripts act as the system, and are audited as such. */
export interface SystemActor {
  readonly kind: 'SYSTEM';
  /** What part of the system acted, e.g. 'seed' or 'clock'. */
  readonly label: string;
}

export type Actor = PersonActor | ServiceAccountActor | SystemActor;

export const systemActor = (label: string): SystemActor => ({ kind: 'SYSTEM', label });

/** The id recorded in the audit trail for an actor (null for the system). */
export function actorId(actor: Actor): string | null {
  if (actor.kind === 'PERSON') return actor.personId;
  if (actor.kind === 'SERVICE_ACCOUNT') return actor.serviceAccountId;
  return null;
}

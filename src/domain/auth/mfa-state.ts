/** Which second-factor state a sign-in (or a refresh) of this person carries. */
import type { Role } from '../../../vocabulary/terms.ts';
import type { MfaState } from './access-token.ts';

/** Whether the person must present a TOTP code: enrolled, voluntarily or because a role requires it. */
export const hasTotp = (person: { readonly totpEnabledAt: Date | null }) => person.totpEnabledAt !== null;

export const totpRequiredByRoles = (roles: readonly Role[], mfaRequiredRoles: readonly Role[]) =>
  roles.some((role) => mfaRequiredRoles.includes(role));

/**
 * The `mfa` claim of a token for this person. A person with TOTP enabled only ever obtains tokens
 * by presenting a code (login) or by rotating a refresh token from such a login, or from the
 * session in which they confirmed their enrolment with a code — so `verified` holds for them.
 */
export function mfaStateOf(
  person: { readonly totpEnabledAt: Date | null },
  roles: readonly Role[],
  mfaRequiredRoles: readonly Role[],
): MfaState {
  if (hasTotp(person)) return 'verified';
  return totpRequiredByRoles(roles, mfaRequiredRoles) ? 'enrolment-required' : 'not-required';
}

/**
 * The permission check of people administration: managing accounts is the administrator's (and the
 * system's) alone (design §1), as the CASL rules of policies/ability.ts say.
 */

import type { Actor } from '../../../vocabulary/actor.ts';
import { assertCan } from '../access/authorize.ts';

export function requireAdministrator(actor: Actor): void {
  assertCan(actor, 'update', 'Person');
}

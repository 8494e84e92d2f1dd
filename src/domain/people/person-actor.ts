/** The actor a stored person acts as: their organisation, roles and clearance as held now. */

import type { PersonActor } from '../../../vocabulary/actor.ts';
import type { Queryable } from '../../database/database.ts';
import { NotFoundError } from '../errors.ts';

export async function personActor(db: Queryable, email: string): Promise<PersonActor> {
  const person = await db.query.people.findFirst({
    where: { email: email.toLowerCase() },
    with: { organization: { columns: { kind: true } }, roles: { columns: { role: true } } },
  });
  if (!person) throw new NotFoundError('Person');
  return {
    kind: 'PERSON',
    personId: person.id,
    organizationId: person.organizationId,
    organizationKind: person.organization.kind,
    roles: person.roles.map((r) => r.role),
    clearance: person.clearance,
  };
}

import { builder } from '../builder.ts';
import { ClearanceLevelEnum, PersonStatusEnum, RoleEnum } from './enums.ts';

export const PersonRef = builder.drizzleNode('people', {
  name: 'Person',
  description: 'A person in one organisation, with roles and a clearance.',
  id: { column: (p) => p.id, description: 'Global ID of the person.' },
  fields: (t) => ({
    displayName: t.exposeString('displayName', { description: 'Name as shown to other users.' }),
    email: t.exposeString('email', { description: 'Sign-in e-mail address.' }),
    status: t.expose('status', { type: PersonStatusEnum, description: 'Whether the account is usable.' }),
    clearance: t.expose('clearance', {
      type: ClearanceLevelEnum,
      description: 'The highest classification of documents and fields the person may read.',
    }),
    organization: t.relation('organization', { description: 'The organisation the person belongs to.' }),
    roles: t.field({
      type: [RoleEnum],
      description: 'Roles the person holds in their organisation.',
      select: { with: { roles: true } },
      resolve: (person) => person.roles.map((r) => r.role),
    }),
  }),
});

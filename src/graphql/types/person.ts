import { builder } from '../builder.ts';
import { ClearanceLevelEnum, PersonStatusEnum, RoleEnum } from './enums.ts';

export const PersonRef = builder.drizzleNode('people', {
  name: 'Person',
  description: 'A person in one organisation, with roles and a clearance.',
  id: { column: (p) => p.id, description: 'Global ID of the person.' },
  fields: (t) => ({
    displayName: t.exposeString('displayName', { description: 'Name as shown to other users.' }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'Sign-in e-mail address; null unless you are in the office or the same organisation.',
    }),
    status: t.expose('status', {
      type: PersonStatusEnum,
      nullable: true,
      description: 'Whether the account is usable; null unless you are in the office or the same organisation.',
    }),
    clearance: t.expose('clearance', {
      type: ClearanceLevelEnum,
      nullable: true,
      description:
        'The highest classification the person may read; null unless you are in the office or the same organisation.',
    }),
    organization: t.relation('organization', { description: 'The organisation the person belongs to.' }),
    version: t.exposeInt('version', {
      description: 'Optimistic-lock version: send it back with an administrative change (setPersonAccess).',
    }),
    roles: t.field({
      type: [RoleEnum],
      nullable: true,
      description: 'Roles the person holds; null unless you are in the office or the same organisation.',
      select: { with: { roles: true } },
      resolve: (person) => person.roles.map((r) => r.role),
    }),
  }),
});

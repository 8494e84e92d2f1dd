/** The columns of a person that administration functions return: never hashes, secrets or counters. */
import { people } from '../../../db/schema/organizations.ts';

export const personViewColumns = {
  id: people.id,
  organizationId: people.organizationId,
  email: people.email,
  displayName: people.displayName,
  clearance: people.clearance,
  status: people.status,
  totpEnabledAt: people.totpEnabledAt,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
  version: people.version,
};

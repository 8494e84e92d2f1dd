import { z } from 'zod';
import { organizations } from '../../../db/schema/organizations.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import { organizationKinds } from '../../../vocabulary/terms.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { adminChain, appendAuditEntry } from '../audit/append-audit-entry.ts';
import { ConflictError } from '../errors.ts';
import { isUniqueViolation, parseInput } from '../validation.ts';

export const ZCreateOrganizationInput = z.object({
  kind: z.enum(organizationKinds),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2–40 capital letters, digits or dashes'),
  name: z.string().trim().min(2).max(200),
  nameZh: z.string().trim().min(1).max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .default('CN'),
  isChainLeader: z.boolean().default(false),
});
export type TCreateOrganizationInput = z.input<typeof ZCreateOrganizationInput>;

/** Registers an organisation: the office, a member department, a firm or an institute. */
export async function createOrganization(tx: Tx, actor: Actor, input: TCreateOrganizationInput, now: Date) {
  assertCan(actor, 'create', 'Organization');
  const data = parseInput(ZCreateOrganizationInput, input);
  if (data.isChainLeader && data.kind !== 'FIRM') {
    throw new ConflictError('only a firm can be a chain leader');
  }
  try {
    const [row] = await tx
      .insert(organizations)
      .values({ ...data, createdAt: now, updatedAt: now })
      .returning();
    await appendAuditEntry(tx, actor, {
      chain: adminChain,
      action: 'organization.created',
      entityKind: 'Organization',
      entityId: row!.id,
      after: { kind: row!.kind, code: row!.code, name: row!.name },
      occurredAt: now,
    });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error, 'organizations_code_key')) throw new ConflictError(`code ${data.code} is taken`);
    if (isUniqueViolation(error, 'organizations_one_review_office')) {
      throw new ConflictError('a deployment has exactly one review office');
    }
    throw error;
  }
}

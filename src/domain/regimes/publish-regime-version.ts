/**
 * An administrator publishes a new version of a regime (design §4): the definition is validated,
 * stored as the latest version + 1 and never edited in place, so every case keeps the version it
 * started on; the publication is recorded in the administrative audit chain.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { calendars, regimes } from '../../../db/schema/clocks.ts';
import type { Actor } from '../../../vocabulary/actor.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import type { Tx } from '../../database/database.ts';
import { assertCan } from '../access/authorize.ts';
import { ValidationError } from '../errors.ts';
import { publishRegime } from '../reference-data/load-reference-data.ts';
import { parseInput } from '../validation.ts';
import { ZRegimeCode, ZRegimeDefinitionDraft } from './regime-definition-schema.ts';

export const ZPublishRegimeVersionInput = z.object({
  code: ZRegimeCode,
  /** The definition as JSON text (workflows/regimes/regime-definition.ts); `code` and `version` may be left out. */
  definition: z.string().max(200_000),
  /** Whether new cases start on this version from now on (cases already open keep theirs). */
  isDefault: z.boolean().default(false),
  reason: z.string().trim().max(2000).optional(),
});
export type TPublishRegimeVersionInput = z.input<typeof ZPublishRegimeVersionInput>;

/**
 * Validates and stores a new version of regime `code` (version 1 for a new code).
 * @throws ForbiddenError unless the actor may create regimes (administrators).
 * @throws ValidationError naming each invalid field, e.g. `definition.clocks.REVIEW.length`, a
 *   `definition.calendarCode` that names no calendar, or a `definition.timeZone` other than the calendar's.
 */
export async function publishRegimeVersion(
  tx: Tx,
  actor: Actor,
  input: TPublishRegimeVersionInput,
  now: Date,
): Promise<typeof regimes.$inferSelect> {
  assertCan(actor, 'create', 'Regime');
  const data = parseInput(ZPublishRegimeVersionInput, input);
  let json: unknown;
  try {
    json = JSON.parse(data.definition);
  } catch (error) {
    throw ValidationError.single('definition', `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = ZRegimeDefinitionDraft.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({ field: ['definition', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const draft = parsed.data;
  if (draft.code !== undefined && draft.code !== data.code) {
    throw ValidationError.single('definition.code', `must be ${data.code}, the code being published, or left out`);
  }

  // Two administrators publishing the same code at once must not both take the same version.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`regime:${data.code}`}, 0))`);
  const [latest] = await tx
    .select({ version: regimes.version })
    .from(regimes)
    .where(eq(regimes.code, data.code))
    .orderBy(desc(regimes.version))
    .limit(1);
  const version = (latest?.version ?? 0) + 1;
  if (draft.version !== undefined && draft.version !== version) {
    throw ValidationError.single('definition.version', `must be ${version} (the next version), or left out`);
  }
  const [calendar] = await tx.select().from(calendars).where(eq(calendars.code, draft.calendarCode));
  if (!calendar) throw ValidationError.single('definition.calendarCode', `names no calendar (${draft.calendarCode})`);
  if (calendar.timeZone !== draft.timeZone) {
    throw ValidationError.single(
      'definition.timeZone',
      `must be ${calendar.timeZone}, the time zone of calendar ${calendar.code}`,
    );
  }

  const definition: RegimeDefinition = { ...draft, code: data.code, version };
  let before: unknown;
  if (data.isDefault) {
    // One default at a time: the regime a new case gets when none is chosen.
    const previous = await tx
      .update(regimes)
      .set({ isDefault: false })
      .where(eq(regimes.isDefault, true))
      .returning({ code: regimes.code, version: regimes.version });
    before = { defaultRegimes: previous.map((r) => `${r.code} v${r.version}`) };
  }
  return publishRegime(tx, actor, definition, { isDefault: data.isDefault, reason: data.reason, before }, now);
}

/**
 * The zod schema of a regime definition, mirroring workflows/regimes/regime-definition.ts, so that a
 * version an administrator publishes is checked as strictly as the shipped ones are typed. The type
 * assertions at the bottom fail to compile if the two drift apart.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { clockPhases, dayUnits, riskGrades } from '../../../vocabulary/terms.ts';
import type { RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';

/** Longest clock accepted: ten years of days, far beyond any statutory limit, but not unbounded. */
const maxDays = 3660;

const ZDayLength = z.strictObject({
  unit: z.enum(dayUnits),
  length: z.number().int().min(1).max(maxDays),
});

export const ZClockRule = ZDayLength.extend({
  extension: z.strictObject({ length: z.number().int().min(1).max(maxDays), maxTimes: z.literal(1) }).optional(),
  source: z.string().trim().min(1, 'must cite where the value comes from').max(2000),
});

const ZSource = z.string().trim().min(1, 'must cite where the setting comes from').max(2000);

// JSON has no `undefined`: a phase without a clock is left out or written as null.
const ZClocks = z
  .strictObject(
    Object.fromEntries(clockPhases.map((phase) => [phase, ZClockRule.nullish()])) as {
      [P in (typeof clockPhases)[number]]: z.ZodOptional<z.ZodNullable<typeof ZClockRule>>;
    },
  )
  .transform((clocks) => {
    const rules = {} as RegimeDefinition['clocks'];
    for (const phase of clockPhases) rules[phase] = clocks[phase] ?? undefined;
    return rules;
  });

/** A regime code: capitals, digits and underscores, as CN_CSR or US_CFIUS. */
export const ZRegimeCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'must be 2–40 capitals, digits or underscores, starting with a capital');

const ZRegimeShape = z.strictObject({
  code: ZRegimeCode,
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(200),
  calendarCode: z.string().trim().min(1).max(40),
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'is not an IANA time zone'),
  clocks: ZClocks,
  rollToWorkingDay: z.boolean(),
  informationRequestPausesPhaseClock: z.boolean(),
  informationRequestAnswerWithin: ZClockRule.optional(),
  consultationSilence: z.enum(['ESCALATE_TO_LEAD_REVIEWER', 'DEEMED_CONCURRENCE']),
  consultationSilenceAfter: ZDayLength,
  inDepthRequiredAtGrade: z.enum(riskGrades),
  inDepthRequiredOnObjection: z.boolean(),
  sources: z.strictObject({
    calendarCode: ZSource,
    rollToWorkingDay: ZSource,
    informationRequestPausesPhaseClock: ZSource,
    informationRequestAnswerWithin: ZSource,
    consultationSilence: ZSource,
    consultationSilenceAfter: ZSource,
    inDepthRequiredAtGrade: ZSource,
    inDepthRequiredOnObjection: ZSource,
  }),
});

/** Checks across fields, which the shape alone cannot express. */
function consistent(
  definition: Pick<z.output<typeof ZRegimeShape>, 'clocks' | 'informationRequestAnswerWithin'>,
  ctx: z.RefinementCtx,
): void {
  // One rule, two views (us-cfius.ts): an information request's own clock and the answer limit agree.
  const clock = definition.clocks.INFORMATION_REQUEST;
  const limit = definition.informationRequestAnswerWithin;
  if (clock && limit && (clock.unit !== limit.unit || clock.length !== limit.length)) {
    ctx.addIssue({
      code: 'custom',
      path: ['informationRequestAnswerWithin'],
      message: `must equal clocks.INFORMATION_REQUEST (${clock.length} ${clock.unit})`,
    });
  }
}

/** A complete regime definition, as stored. */
export const ZRegimeDefinition = ZRegimeShape.superRefine(consistent);

/** What an administrator sends: `code` and `version` may be left out (the publisher assigns them). */
export const ZRegimeDefinitionDraft = ZRegimeShape.extend({
  code: ZRegimeCode.optional(),
  version: z.number().int().min(1).optional(),
}).superRefine(consistent);

// The schema and the interface must describe the same thing, in both directions.
type Parsed = z.output<typeof ZRegimeDefinition>;
const parsedIsDefinition = (parsed: Parsed): RegimeDefinition => parsed;
const definitionIsInput = (definition: RegimeDefinition): z.input<typeof ZRegimeDefinition> => definition;
void parsedIsDefinition;
void definitionIsInput;

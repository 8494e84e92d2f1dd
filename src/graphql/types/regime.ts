/**
 * Regimes as data (design §4): everyone signed in reads every version — deadlines are no secret,
 * and each value carries its source — and administrators publish new versions, never editing one in
 * place, so a case keeps the version it started on.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { regimes } from '../../../db/schema/clocks.ts';
import { type ClockPhase, clockPhases } from '../../../vocabulary/terms.ts';
import type { ClockRule, RegimeDefinition } from '../../../workflows/regimes/regime-definition.ts';
import { referenceSubjectFields } from '../../domain/access/subject-fields.ts';
import { publishRegimeVersion } from '../../domain/regimes/publish-regime-version.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { runMutation } from '../mutation.ts';
import { readableWhere } from '../visibility.ts';
import { RegimeRef } from './case.ts';
import { ClockPhaseEnum, DayUnitEnum } from './clock.ts';
import { mutationErrorTypes } from './errors.ts';

const ConsultationSilenceEnum = builder.enumType('ConsultationSilence', {
  description: 'What a department’s silence on a consultation means once its deadline has passed.',
  values: {
    ESCALATE_TO_LEAD_REVIEWER: { description: 'The lead reviewer is asked to act (CN_CSR).' },
    DEEMED_CONCURRENCE: { description: 'The department is taken to agree (CFIUS).' },
  },
});

const RegimeClockRef = builder.objectRef<{ phase: ClockPhase; rule: ClockRule }>('RegimeClock').implement({
  description: 'The clock a regime runs for one phase or kind of work item.',
  fields: (t) => ({
    phase: t.field({ type: ClockPhaseEnum, description: 'The phase timed.', resolve: (c) => c.phase }),
    unit: t.field({ type: DayUnitEnum, description: 'Working or calendar days.', resolve: (c) => c.rule.unit }),
    length: t.int({ description: 'Statutory length in `unit`.', resolve: (c) => c.rule.length }),
    extensionLength: t.int({
      nullable: true,
      description: 'Days of the one extension allowed, with a reason; null when none is.',
      resolve: (c) => c.rule.extension?.length ?? null,
    }),
    source: t.string({
      description: 'Where the value comes from, or "product choice: …".',
      resolve: (c) => c.rule.source,
    }),
  }),
});

const definitionOf = (regime: { definition: unknown }) => regime.definition as RegimeDefinition;

builder.drizzleObjectFields(RegimeRef, (t) => ({
  calendar: t.relation('calendar', { description: 'The calendar working days are counted on.' }),
  timeZone: t.string({
    description: 'IANA zone of the regime’s days (its calendar’s zone).',
    resolve: (regime) => definitionOf(regime).timeZone,
  }),
  clocks: t.field({
    type: [RegimeClockRef],
    description: 'The clock of each phase that has one, in lifecycle order.',
    resolve: (regime) => {
      const { clocks } = definitionOf(regime);
      return clockPhases.flatMap((phase) => (clocks[phase] ? [{ phase, rule: clocks[phase] }] : []));
    },
  }),
  rollToWorkingDay: t.boolean({
    description: 'Whether a calendar-day deadline on a day off moves to the next working day.',
    resolve: (regime) => definitionOf(regime).rollToWorkingDay,
  }),
  informationRequestPausesPhaseClock: t.boolean({
    description: 'Whether an open information request pauses the case’s phase clock (stop the clock).',
    resolve: (regime) => definitionOf(regime).informationRequestPausesPhaseClock,
  }),
  consultationSilence: t.field({
    type: ConsultationSilenceEnum,
    description: 'What silence on a consultation means once its deadline has passed.',
    resolve: (regime) => definitionOf(regime).consultationSilence,
  }),
  definitionJson: t.string({
    description:
      'The whole definition as JSON text, with the source of every value: edit it and send it to ' +
      '`publishRegimeVersion` to make a new version.',
    resolve: (regime) => JSON.stringify(regime.definition),
  }),
  createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When this version was published.' }),
}));

function visibleRegimes(ctx: GraphQLContext, table: typeof regimes, code: string | null | undefined): SQL {
  return and(readableWhere(ctx, 'Regime', referenceSubjectFields(table)), code ? eq(table.code, code) : undefined)!;
}

builder.queryField('regimes', (t) =>
  t.drizzleConnection({
    type: 'regimes',
    description: 'Every version of every regime, by code and version.',
    args: { code: t.arg.string({ required: false, description: 'Only the versions of this regime, e.g. CN_CSR.' }) },
    totalCount: (_parent, args, ctx) => ctx.db.$count(regimes, visibleRegimes(ctx, regimes, args.code)),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.query.regimes.findMany(
        query({
          where: { RAW: (table) => visibleRegimes(ctx, table as typeof regimes, args.code) },
          orderBy: { code: 'asc', version: 'asc' },
        }),
      ),
  }),
);

const PublishRegimeVersionInput = builder.inputType('PublishRegimeVersionInput', {
  description: 'A new version of a regime.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'The regime, e.g. CN_CSR (a new code starts at version 1).' }),
    definition: t.string({
      required: true,
      description:
        'The definition as JSON text, shaped like `Regime.definitionJson` (workflows/regimes/regime-definition.ts); ' +
        '`code` and `version` may be left out. Each invalid value is reported by its path, e.g. ' +
        'definition.clocks.REVIEW.length.',
    }),
    isDefault: t.boolean({
      required: false,
      description: 'Whether new cases start on this version from now on (default false); open cases keep theirs.',
    }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

builder.mutationField('publishRegimeVersion', (t) =>
  t.drizzleField({
    type: 'regimes',
    description:
      'Administrators: publishes a new version of a regime (the latest + 1; versions are never edited), ' +
      'recorded in the administrative audit chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: PublishRegimeVersionInput, required: true, description: 'The version.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'publishRegimeVersion',
          idempotency: 'none',
          why: 'the version number is part of the input: a second publication of it is refused',
        },
        (tx) =>
          publishRegimeVersion(
            tx,
            ctx.actor!,
            {
              code: input.code,
              definition: input.definition,
              isDefault: input.isDefault ?? false,
              reason: input.reason ?? undefined,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.regimes.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

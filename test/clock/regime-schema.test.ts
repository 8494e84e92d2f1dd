/** The zod schema of a published regime definition agrees with the shipped regimes and names bad fields. */
import { describe, expect, it } from 'vitest';
import { ZRegimeDefinition, ZRegimeDefinitionDraft } from '../../src/domain/regimes/regime-definition-schema.ts';
import { regimes } from '../../workflows/regimes/registry.ts';
import { usCfiusRegime } from '../../workflows/regimes/us-cfius.ts';

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('ZRegimeDefinition', () => {
  it.each(Object.values(regimes))('accepts the shipped $code, as stored (JSON) and as written', (regime) => {
    // Stored as JSON, a phase without a clock is simply absent; parsed back it is `undefined` again.
    expect(ZRegimeDefinition.parse(JSON.parse(JSON.stringify(regime)))).toEqual(regime);
    expect(ZRegimeDefinition.parse(regime)).toEqual(regime);
  });

  it.each([
    [
      'an extension allowed twice',
      {
        clocks: {
          ...usCfiusRegime.clocks,
          IN_DEPTH: { ...usCfiusRegime.clocks.IN_DEPTH!, extension: { length: 15, maxTimes: 2 } },
        },
      },
      ['clocks.IN_DEPTH.extension.maxTimes'],
    ],
    [
      'a fractional length',
      { consultationSilenceAfter: { unit: 'CALENDAR_DAYS', length: 1.5 } },
      ['consultationSilenceAfter.length'],
    ],
    [
      'an answer limit that contradicts the information-request clock',
      { informationRequestAnswerWithin: { unit: 'WORKING_DAYS', length: 5, source: 'test' } },
      ['informationRequestAnswerWithin'],
    ],
    ['a zone that does not exist', { timeZone: 'Mars/Olympus' }, ['timeZone']],
    ['an unknown setting', { stopTheClock: true }, ['']],
    ['an empty source', { sources: { ...usCfiusRegime.sources, rollToWorkingDay: ' ' } }, ['sources.rollToWorkingDay']],
  ])('refuses %s, naming the field', (_what, change, paths) => {
    expect(pathsOf(ZRegimeDefinition.safeParse({ ...usCfiusRegime, ...change }))).toEqual(paths);
  });

  it('lets a draft leave out the code and version the publisher assigns', () => {
    const { code: _code, version: _version, ...draft } = usCfiusRegime;
    expect(ZRegimeDefinitionDraft.safeParse(draft).success).toBe(true);
    expect(pathsOf(ZRegimeDefinition.safeParse(draft))).toEqual(['code', 'version']);
  });
});

/** Import files for a year's schedule: CSV (date,kind,name) and JSON, with row-numbered field errors. */
import { describe, expect, it } from 'vitest';
import { parseCalendarYearCsv, parseCalendarYearJson } from '../../../src/domain/calendars/parse-calendar-year.ts';
import { ValidationError } from '../../../src/domain/errors.ts';

const fieldErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('parseCalendarYearCsv', () => {
  it('reads columns in any order, quoted names with commas and quotes, CRLF, a BOM and blank lines', () => {
    const csv =
      '\uFEFFkind,date,name\r\n' +
      'HOLIDAY,2027-01-01,"New Year, day 1"\r\n' +
      '\r\n' +
      'holiday , 2027-01-02 ,"The ""second"" day"\r\n' +
      'MAKEUP_WORKDAY,2027-01-09,Make-up Saturday\r\n';
    expect(parseCalendarYearCsv(csv)).toEqual({
      holidays: [
        { date: '2027-01-01', name: 'New Year, day 1' },
        { date: '2027-01-02', name: 'The "second" day' },
      ],
      makeupWorkdays: [{ date: '2027-01-09', name: 'Make-up Saturday' }],
    });
  });

  it('names the line and the column of every bad row (the header is line 1)', () => {
    const csv = [
      'date,kind,name',
      '2027-01-01,HOLIDAY,New Year',
      '2027-01-02,HOLIDAYS,New Year',
      '2027-02-30,HOLIDAY,Not a day',
      '2027-01-09,MAKEUP_WORKDAY,',
      '27/01/2027,HOLIDAY,Wrong format',
    ].join('\n');
    expect(fieldErrors(() => parseCalendarYearCsv(csv))).toEqual([
      { field: 'rows.3.kind', message: 'must be HOLIDAY or MAKEUP_WORKDAY, not "HOLIDAYS"' },
      { field: 'rows.4.date', message: 'is not a calendar day' },
      { field: 'rows.5.name', message: 'must be 1–200 characters' },
      { field: 'rows.6.date', message: 'must be a date written YYYY-MM-DD' },
    ]);
  });

  it('refuses a file without the three columns, an empty file and an unclosed quote', () => {
    expect(fieldErrors(() => parseCalendarYearCsv('date,name\n2027-01-01,x'))).toEqual([
      { field: 'header', message: 'missing column kind: expected date,kind,name' },
    ]);
    expect(fieldErrors(() => parseCalendarYearCsv('\n\n'))[0]!.field).toBe('input');
    expect(fieldErrors(() => parseCalendarYearCsv('date,kind,name\n2027-01-01,HOLIDAY,"open'))).toEqual([
      { field: 'rows.2', message: 'a quoted field is not closed' },
    ]);
  });
});

describe('parseCalendarYearJson', () => {
  it('reads the loadCalendarYear shape, keeping year and source', () => {
    const json = JSON.stringify({
      year: 2027,
      source: 'test',
      holidays: [{ date: '2027-01-01', name: 'New Year' }],
      makeupWorkdays: [],
    });
    expect(parseCalendarYearJson(json)).toEqual({
      year: 2027,
      source: 'test',
      holidays: [{ date: '2027-01-01', name: 'New Year' }],
      makeupWorkdays: [],
    });
    expect(
      fieldErrors(() => parseCalendarYearJson('{"holidays":[{"date":"2027-01-01","name":"x"},{"date":"2027-13-01"}]}')),
    ).toMatchObject([{ field: 'holidays.1.date' }, { field: 'holidays.1.name' }]);
  });

  it('reads an array of rows like the CSV, numbered from 1', () => {
    const rows = [
      { date: '2027-01-01', kind: 'HOLIDAY', name: 'New Year' },
      { date: '2027-01-09', kind: 'WORKDAY', name: 'Make-up' },
    ];
    expect(fieldErrors(() => parseCalendarYearJson(JSON.stringify(rows)))).toEqual([
      { field: 'rows.2.kind', message: 'must be HOLIDAY or MAKEUP_WORKDAY, not "WORKDAY"' },
    ]);
    expect(parseCalendarYearJson(JSON.stringify(rows.slice(0, 1)))).toEqual({
      holidays: [{ date: '2027-01-01', name: 'New Year' }],
      makeupWorkdays: [],
    });
    expect(fieldErrors(() => parseCalendarYearJson('{nope'))[0]!.field).toBe('input');
  });
});

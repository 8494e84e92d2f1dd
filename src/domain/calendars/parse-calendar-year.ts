/**
 * Reads a year's schedule from an import file, for `loadCalendarYear`: a CSV with the columns
 * `date,kind,name` (kind `HOLIDAY` or `MAKEUP_WORKDAY`), or JSON. Problems are reported as field
 * errors naming the row and the column, e.g. `rows.4.date`.
 */
import { type FieldError, ValidationError } from '../errors.ts';
import { type TCalendarDayInput, ZCalendarDayInput, ZIsoDate } from './load-calendar-year.ts';

/** The days of a year's schedule, as `loadCalendarYear` takes them. */
export interface CalendarYearDays {
  holidays: TCalendarDayInput[];
  makeupWorkdays: TCalendarDayInput[];
}

const columns = ['date', 'kind', 'name'] as const;
const kinds = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
const maxRows = 800;

/** One CSV record with the line of the file it starts on (the header is line 1). */
interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRecords(text: string): { records: CsvRecord[]; error?: FieldError } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) return { records, error: { field: `rows.${recordLine}`, message: 'a quoted field is not closed' } };
  endRecord();
  return { records };
}

/**
 * Parses a CSV schedule: a header naming the columns `date`, `kind` and `name` (in any order), then
 * one row per date. Blank lines are skipped; rows are numbered as the file's lines.
 * @throws ValidationError listing every problem, e.g. `rows.3.kind: must be HOLIDAY or MAKEUP_WORKDAY`.
 */
export function parseCalendarYearCsv(text: string): CalendarYearDays {
  const { records, error } = csvRecords(text);
  if (error) throw new ValidationError([error]);
  const [header, ...rows] = records;
  if (!header) throw ValidationError.single('input', 'the file is empty: expected a header date,kind,name');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw ValidationError.single('header', `missing column ${missing.join(', ')}: expected date,kind,name`);
  }
  const position = Object.fromEntries(columns.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof columns)[number],
    number
  >;
  return collect(
    rows.map((record) => ({
      row: record.line,
      values: {
        date: record.fields[position.date] ?? '',
        kind: record.fields[position.kind] ?? '',
        name: record.fields[position.name] ?? '',
      },
    })),
  );
}

/**
 * Parses a JSON schedule: either `{ "holidays": [{date, name}], "makeupWorkdays": [{date, name}] }`
 * (other keys such as `year` and `source` are returned too), or an array of `{date, kind, name}`
 * rows numbered from 1.
 * @throws ValidationError for text that is not JSON or rows that are not valid.
 */
export function parseCalendarYearJson(text: string): CalendarYearDays & Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single('input', `is not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(value)) {
    const rows = value.map((entry, index) => ({ row: index + 1, values: (entry ?? {}) as Record<string, unknown> }));
    return { ...collect(rows) };
  }
  if (typeof value !== 'object' || value === null) {
    throw ValidationError.single('input', 'must be an object with holidays and makeupWorkdays, or an array of rows');
  }
  const object = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  const list = (key: 'holidays' | 'makeupWorkdays'): TCalendarDayInput[] => {
    const entries = object[key] ?? [];
    if (!Array.isArray(entries)) {
      errors.push({ field: key, message: 'must be an array of {date, name}' });
      return [];
    }
    return entries.flatMap((entry, index) => {
      const parsed = ZCalendarDayInput.safeParse(entry);
      if (parsed.success) return [parsed.data];
      for (const issue of parsed.error.issues) {
        errors.push({ field: [key, index, ...issue.path].join('.'), message: issue.message });
      }
      return [];
    });
  };
  const result = { ...object, holidays: list('holidays'), makeupWorkdays: list('makeupWorkdays') };
  if (errors.length > 0) throw new ValidationError(errors);
  return result;
}

/** Validates numbered rows and sorts them into holidays and make-up working days. */
function collect(rows: { row: number; values: Record<string, unknown> }[]): CalendarYearDays {
  if (rows.length > maxRows) throw ValidationError.single('input', `has ${rows.length} rows; at most ${maxRows}`);
  const errors: FieldError[] = [];
  const days: CalendarYearDays = { holidays: [], makeupWorkdays: [] };
  for (const { row, values } of rows) {
    const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
    const date = ZIsoDate.safeParse(text('date'));
    if (!date.success) errors.push({ field: `rows.${row}.date`, message: date.error.issues[0]!.message });
    const kind = text('kind').toUpperCase();
    if (!(kinds as readonly string[]).includes(kind)) {
      errors.push({ field: `rows.${row}.kind`, message: `must be HOLIDAY or MAKEUP_WORKDAY, not "${text('kind')}"` });
    }
    const name = text('name');
    if (name === '' || name.length > 200) {
      errors.push({ field: `rows.${row}.name`, message: 'must be 1–200 characters' });
    }
    if (!date.success || !(kinds as readonly string[]).includes(kind) || name === '' || name.length > 200) continue;
    (kind === 'HOLIDAY' ? days.holidays : days.makeupWorkdays).push({ date: date.data, name });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return days;
}

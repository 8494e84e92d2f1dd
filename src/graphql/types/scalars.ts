import { builder } from '../builder.ts';

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC with milliseconds, e.g. 2026-10-16T15:59:59.999Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw new TypeError('DateTime must be an ISO 8601 string');
    return new Date(value);
  },
});

builder.scalarType('Date', {
  description: 'A calendar day without a time, as YYYY-MM-DD, read in the calendar of the case.',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError('Date must be YYYY-MM-DD');
    return value;
  },
});

import type { CalendarDefinition } from './calendar-definition.ts';

/**
 * China: Monday–Friday, minus public holidays, plus make-up working days on weekends.
 * Each holiday range of the official notice is written out date by date (weekend dates included),
 * so the data can be checked line by line against `shared/domain/cn-calendar-2026.md`.
 * 2027 is deliberately absent: its schedule was not published when this was written, and the
 * product must not invent it.
 */
export const cnCalendar: CalendarDefinition = {
  code: 'CN',
  name: 'People’s Republic of China (State Council holiday schedule)',
  timeZone: 'Asia/Shanghai',
  weekendDays: [6, 7],
  years: {
    2026: {
      source:
        'State Council General Office notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知), ' +
        'dated 2025-11-04, published by Xinhua; transcribed in shared/domain/cn-calendar-2026.md',
      holidays: [
        { date: '2026-01-01', name: 'New Year 元旦' },
        { date: '2026-01-02', name: 'New Year 元旦' },
        { date: '2026-01-03', name: 'New Year 元旦' },
        { date: '2026-02-15', name: 'Spring Festival 春节' },
        { date: '2026-02-16', name: 'Spring Festival 春节' },
        { date: '2026-02-17', name: 'Spring Festival 春节' },
        { date: '2026-02-18', name: 'Spring Festival 春节' },
        { date: '2026-02-19', name: 'Spring Festival 春节' },
        { date: '2026-02-20', name: 'Spring Festival 春节' },
        { date: '2026-02-21', name: 'Spring Festival 春节' },
        { date: '2026-02-22', name: 'Spring Festival 春节' },
        { date: '2026-02-23', name: 'Spring Festival 春节' },
        { date: '2026-04-04', name: 'Qingming 清明节' },
        { date: '2026-04-05', name: 'Qingming 清明节' },
        { date: '2026-04-06', name: 'Qingming 清明节' },
        { date: '2026-05-01', name: 'Labour Day 劳动节' },
        { date: '2026-05-02', name: 'Labour Day 劳动节' },
        { date: '2026-05-03', name: 'Labour Day 劳动节' },
        { date: '2026-05-04', name: 'Labour Day 劳动节' },
        { date: '2026-05-05', name: 'Labour Day 劳动节' },
        { date: '2026-06-19', name: 'Dragon Boat 端午节' },
        { date: '2026-06-20', name: 'Dragon Boat 端午节' },
        { date: '2026-06-21', name: 'Dragon Boat 端午节' },
        { date: '2026-09-25', name: 'Mid-Autumn 中秋节' },
        { date: '2026-09-26', name: 'Mid-Autumn 中秋节' },
        { date: '2026-09-27', name: 'Mid-Autumn 中秋节' },
        { date: '2026-10-01', name: 'National Day 国庆节' },
        { date: '2026-10-02', name: 'National Day 国庆节' },
        { date: '2026-10-03', name: 'National Day 国庆节' },
        { date: '2026-10-04', name: 'National Day 国庆节' },
        { date: '2026-10-05', name: 'National Day 国庆节' },
        { date: '2026-10-06', name: 'National Day 国庆节' },
        { date: '2026-10-07', name: 'National Day 国庆节' },
      ],
      makeupWorkdays: [
        { date: '2026-01-04', name: 'New Year make-up working day (Sunday)' },
        { date: '2026-02-14', name: 'Spring Festival make-up working day (Saturday)' },
        { date: '2026-02-28', name: 'Spring Festival make-up working day (Saturday)' },
        { date: '2026-05-09', name: 'Labour Day make-up working day (Saturday)' },
        { date: '2026-09-20', name: 'National Day make-up working day (Sunday)' },
        { date: '2026-10-10', name: 'National Day make-up working day (Saturday)' },
      ],
    },
  },
};

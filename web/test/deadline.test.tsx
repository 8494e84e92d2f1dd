/** Deadlines: the day in the regime's zone, working days left, red when overdue, amber within 3, provisional marked. */
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { Deadline, WorkingDaysLeft } from '../src/components/Deadline.tsx';
import { urgencyOf } from '../src/i18n/format.ts';
import { i18n } from '../src/i18n/i18n.ts';

const inLanguage = async (language: string, node: React.ReactNode) => {
  await i18n.changeLanguage(language);
  return render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a deadline', () => {
  it('is red when overdue, amber within three working days, plain further out', () => {
    expect(urgencyOf({ workingDaysLeft: -1 })).toBe('overdue');
    expect(urgencyOf({ workingDaysLeft: 5, overdue: true })).toBe('overdue');
    expect(urgencyOf({ workingDaysLeft: 0 })).toBe('soon');
    expect(urgencyOf({ workingDaysLeft: 3 })).toBe('soon');
    expect(urgencyOf({ workingDaysLeft: 4 })).toBe('normal');
    expect(urgencyOf({ workingDaysLeft: null })).toBe('stopped');
  });

  it('shows the day in the regime’s zone, not the reader’s', async () => {
    // 17:00 UTC on 16 December is 01:00 on 17 December in Beijing.
    await inLanguage(
      'en',
      <Deadline clock={{ dueAt: '2026-12-16T17:00:00.000Z', workingDaysLeft: 7 }} zone="Asia/Shanghai" />,
    );
    expect(document.body.textContent).toMatch(/Thu,? 17 Dec 2026/);
    expect(document.body.textContent).toContain('7 working days left');
  });

  it('words the working days in Chinese and marks a provisional year', async () => {
    const { container } = await inLanguage(
      'zh-CN',
      <WorkingDaysLeft clock={{ dueAt: '2027-01-13T15:59:59.999Z', workingDaysLeft: 2, provisional: true }} />,
    );
    expect(container.textContent).toContain('剩余 2 个工作日');
    expect(container.textContent).toContain('暂定');
    expect(container.querySelector('[data-urgency]')?.getAttribute('data-urgency')).toBe('soon');
  });

  it('counts overdue days in words', async () => {
    await inLanguage('en', <WorkingDaysLeft clock={{ dueAt: '2026-12-01T15:59:59.999Z', workingDaysLeft: -2 }} />);
    expect(screen.getByText('Overdue by 2 working days')).toBeTruthy();
  });
});

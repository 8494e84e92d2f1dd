/** The action bar: one button per action the API lists; a blocked one keeps its reason within reach. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../src/i18n/i18n.ts';
import { ActionBar, actionsFromApi } from '../src/pages/case/ActionBar.tsx';
import { CaseFileContext } from '../src/pages/case/case-context.ts';

const client = new Client({ url: 'http://127.0.0.1:9/graphql', exchanges: [fetchExchange] });
const file = { caseId: 'Q2FzZTox', version: 3, zone: 'Asia/Shanghai', refetch: () => {}, stale: () => {} };

function renderBar(actions: Parameters<typeof ActionBar>[0]['actions'], onOpenTab = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <Provider value={client}>
        <App>
          <CaseFileContext.Provider value={file}>
            <ActionBar actions={actions} onOpenTab={onOpenTab} />
          </CaseFileContext.Provider>
        </App>
      </Provider>
    </I18nextProvider>,
  );
  return onOpenTab;
}

describe('the action bar', () => {
  // A dialog opened by one test must not linger (in its portal) into the next.
  afterEach(cleanup);

  it('takes the API’s actions: possible or blocked with the rule, and whether reasons are needed', () => {
    expect(
      actionsFromApi([
        { event: 'START_REVIEW', possible: false, blockedReason: 'NO_RISK_GRADE', reason: 'no grade' },
        { event: 'WITHDRAW', possible: true, reasonRequired: true },
      ]),
    ).toEqual([
      {
        event: 'START_REVIEW',
        possible: false,
        blockedReason: 'NO_RISK_GRADE',
        reason: 'no grade',
        reasonRequired: false,
      },
      { event: 'WITHDRAW', possible: true, blockedReason: null, reason: null, reasonRequired: true },
    ]);
  });

  it('shows an impossible action disabled with the rule worded in the person’s language, and sends nothing', async () => {
    await i18n.changeLanguage('en');
    const onOpenTab = renderBar([
      {
        event: 'PROPOSE_DECISION',
        possible: false,
        blockedReason: 'DEPARTMENT_OBJECTED',
        reason: 'a department objected: the case must pass through in-depth review',
      },
    ]);
    const button = screen.getByRole('button', { name: /PROPOSE_DECISION/ });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toContain('A department objected: the case must pass through in-depth review.');
    fireEvent.click(button);
    expect(onOpenTab).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('words the blocked rule in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderBar([{ event: 'START_REVIEW', possible: false, blockedReason: 'NO_RISK_GRADE', reason: 'no grade' }]);
    expect(screen.getByRole('button', { name: /START_REVIEW/ }).textContent).toContain('案件尚无确认的风险等级');
    await i18n.changeLanguage('en');
  });

  it('asks for reasons when the API says a rule needs them now, though the event usually does not', async () => {
    await i18n.changeLanguage('en');
    renderBar([{ event: 'APPROVE_DECISION', possible: true, reasonRequired: true }]);
    fireEvent.click(screen.getByRole('button', { name: 'APPROVE_DECISION' }));
    expect(await screen.findByText('Written reasons are required for this action now.')).toBeTruthy();
  });

  it('opens the decision tab for a proposal and asks for reasons before sending an event', async () => {
    await i18n.changeLanguage('en');
    const onOpenTab = renderBar(
      actionsFromApi([
        { event: 'PROPOSE_DECISION', possible: true },
        { event: 'RETURN_FOR_COMPLETION', possible: true, reasonRequired: true },
      ]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'PROPOSE_DECISION' }));
    expect(onOpenTab).toHaveBeenCalledWith('decision');
    fireEvent.click(screen.getByRole('button', { name: 'RETURN_FOR_COMPLETION' }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(screen.getByLabelText('Reasons')).toBeTruthy();
  });
});

/** The action bar: one button per action the API lists; a blocked one keeps its reason within reach. */
import { fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider } from 'urql';
import { describe, expect, it, vi } from 'vitest';
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
  it('takes today’s availableActions (every listed event possible)', () => {
    expect(actionsFromApi(['START_REVIEW', 'WITHDRAW'])).toEqual([
      { event: 'START_REVIEW', possible: true },
      { event: 'WITHDRAW', possible: true },
    ]);
  });

  it('shows an impossible action disabled with the API’s reason, and sends nothing', async () => {
    await i18n.changeLanguage('en');
    const onOpenTab = renderBar([
      { event: 'PROPOSE_DECISION', possible: false, blockedReason: 'An objection requires in-depth review.' },
    ]);
    const button = screen.getByRole('button', { name: /PROPOSE_DECISION/ });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toContain('An objection requires in-depth review.');
    fireEvent.click(button);
    expect(onOpenTab).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the decision tab for a proposal and asks for reasons before sending an event', async () => {
    await i18n.changeLanguage('en');
    const onOpenTab = renderBar(actionsFromApi(['PROPOSE_DECISION', 'RETURN_FOR_COMPLETION']));
    fireEvent.click(screen.getByRole('button', { name: 'PROPOSE_DECISION' }));
    expect(onOpenTab).toHaveBeenCalledWith('decision');
    fireEvent.click(screen.getByRole('button', { name: 'RETURN_FOR_COMPLETION' }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(screen.getByLabelText('Reasons')).toBeTruthy();
  });
});

/**
 * The case file's assessments tab: each assessment's buttons are the office's events its
 * `availableActions` lists (possible, or blocked with the API's reason); withdrawing an invitation
 * asks for the required reasons before anything is sent.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseAssessmentsFragment } from '../src/gql/graphql.ts';
import { i18n } from '../src/i18n/i18n.ts';
import { AssessmentsTab } from '../src/pages/case/AssessmentsTab.tsx';
import { CaseFileContext } from '../src/pages/case/case-context.ts';

type Assessment = CaseAssessmentsFragment['assessments'][number];

const assessment = (id: string, state: Assessment['state'], actions: Assessment['availableActions']): Assessment => ({
  id,
  state,
  version: 2,
  termsOfReference: `Terms of ${id}`,
  invitedAt: '2026-11-20T02:00:00.000Z',
  respondedAt: null,
  declineReason: null,
  report: null,
  recommendedStrategy: null,
  recommendedSubStrategy: null,
  submittedAt: null,
  returnReason: null,
  capabilityScores: null,
  institute: { id: `I-${id}`, name: `Institute ${id}`, nameZh: null },
  availableActions: actions,
});

/** The GraphQL requests the tab sent, answered as the API would. */
let sent: { operationName: string; variables: Record<string, unknown> }[] = [];
const answer = (operationName: string) =>
  operationName === 'Institutes'
    ? { organizations: { nodes: [] } }
    : { [operationName[0]!.toLowerCase() + operationName.slice(1)]: { __typename: 'AssessmentChanged' } };
const client = new Client({
  url: 'http://127.0.0.1:9/graphql',
  exchanges: [fetchExchange],
  fetch: async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as (typeof sent)[number];
    sent.push(body);
    return new Response(JSON.stringify({ data: answer(body.operationName) }), {
      headers: { 'content-type': 'application/json' },
    });
  },
});

function renderTab(assessments: Assessment[], refetch = vi.fn()) {
  const file = { caseId: 'Q2FzZTox', version: 3, zone: 'Asia/Shanghai', refetch, stale: () => {} };
  render(
    <I18nextProvider i18n={i18n}>
      <Provider value={client}>
        <App>
          <CaseFileContext.Provider value={file}>
            <AssessmentsTab data={{ id: 'Q2FzZTox', state: 'REVIEW', assessments }} />
          </CaseFileContext.Provider>
        </App>
      </Provider>
    </I18nextProvider>,
  );
  return refetch;
}

const possible = (event: Assessment['availableActions'][number]['event']) => ({
  event,
  possible: true,
  blockedReason: null,
  reason: null,
  reasonRequired: event !== 'ENDORSE',
});

describe('the assessments tab', () => {
  beforeEach(async () => {
    sent = [];
    await i18n.changeLanguage('en');
  });
  afterEach(cleanup);

  it('offers exactly the office’s events the API lists for each assessment', () => {
    renderTab([
      assessment('A', 'INVITED', [possible('WITHDRAW')]),
      assessment('B', 'SUBMITTED', [possible('ENDORSE'), possible('RETURN_FOR_REVISION')]),
      assessment('C', 'WITHDRAWN', []),
    ]);
    const items = screen.getAllByTestId('assessment');
    const buttons = (i: number) =>
      [...items[i]!.querySelectorAll('button')].map((b) => b.getAttribute('data-event')).filter(Boolean);
    expect(buttons(0)).toEqual(['WITHDRAW']);
    expect(buttons(1)).toEqual(['ENDORSE', 'RETURN_FOR_REVISION']);
    expect(buttons(2)).toEqual([]);
    expect(screen.getByRole('button', { name: 'Withdraw invitation' })).toBeTruthy();
  });

  it('shows an action the API lists as blocked disabled, with its reason, and sends nothing', async () => {
    renderTab([
      assessment('A', 'INVITED', [
        {
          event: 'WITHDRAW',
          possible: false,
          blockedReason: null,
          reason: 'the case is closed to new work',
          reasonRequired: false,
        },
      ]),
    ]);
    const button = screen.getByRole('button', { name: /Withdraw invitation/ });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toContain('the case is closed to new work');
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
    // Give a request the click might have started the time to arrive: none may.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.filter((s) => s.operationName !== 'Institutes')).toEqual([]);
  });

  it('asks for the reasons before withdrawing, then sends them with the version read and refreshes the case', async () => {
    const refetch = renderTab([assessment('A', 'INVITED', [possible('WITHDRAW')])]);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw invitation' }));
    await screen.findByRole('dialog');
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByText(i18n.t('case.reasonRequired'))).toBeTruthy();
    expect(sent.some((s) => s.operationName === 'WithdrawAssessment')).toBe(false);

    fireEvent.change(screen.getByLabelText('Reasons'), { target: { value: 'Every assessor is conflicted.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(refetch).toHaveBeenCalled());
    expect(sent.find((s) => s.operationName === 'WithdrawAssessment')?.variables).toEqual({
      input: { assessmentId: 'A', expectedVersion: 2, reason: 'Every assessor is conflicted.' },
    });
  });

  it('words the withdrawal in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderTab([assessment('A', 'INVITED', [possible('WITHDRAW')])]);
    expect(screen.getByRole('button', { name: '撤回邀请' })).toBeTruthy();
  });
});

/** The queue's filter in the URL: what the form writes, the page reads back, and the API receives. */
import { describe, expect, it } from 'vitest';
import { formOf, readQueueView, writeQueueView } from '../src/pages/queue/queue-filter.ts';

describe('the queue filter in the URL', () => {
  it('reads every API filter from the parameters', () => {
    const view = readQueueView(
      new URLSearchParams(
        'state=REVIEW&state=IN_DEPTH&type=CAPABILITY_DEFICIT&dim=WEAK_BASIC_RESEARCH&strategy=DEFENCE' +
          '&dept=D1&party=P1&assignee=A1&overdue=1&due=5&q=%20photoresist%20&order=activity&after=CUR',
      ),
    );
    expect(view).toEqual({
      filter: {
        states: ['REVIEW', 'IN_DEPTH'],
        securityTypes: ['CAPABILITY_DEFICIT'],
        keyDimensions: ['WEAK_BASIC_RESEARCH'],
        strategies: ['DEFENCE'],
        consultedDepartmentId: 'D1',
        partyOrganizationId: 'P1',
        assigneeId: 'A1',
        overdue: true,
        dueWithinWorkingDays: 5,
        text: 'photoresist',
      },
      orderBy: 'LAST_ACTIVITY',
      after: 'CUR',
      before: null,
    });
  });

  it('sorts by the next deadline unless told otherwise and ignores malformed values', () => {
    expect(readQueueView(new URLSearchParams('due=soon&overdue=maybe&q=%20'))).toEqual({
      filter: {},
      orderBy: 'NEXT_DUE_AT',
      after: null,
      before: null,
    });
  });

  it('round-trips through the form and drops the page cursor on a new filter', () => {
    const params = new URLSearchParams('state=SCREENING&overdue=0&due=0&order=activity&after=X');
    const written = writeQueueView(formOf(readQueueView(params)));
    expect(written.toString()).toBe('state=SCREENING&overdue=0&due=0&order=activity');
    expect(readQueueView(written).filter).toEqual({ states: ['SCREENING'], overdue: false, dueWithinWorkingDays: 0 });
  });
});

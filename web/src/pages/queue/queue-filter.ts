/**
 * The queue's filter as URL search parameters, so a filtered queue can be bookmarked and sent to a
 * colleague: one parameter per API filter, repeated for lists, and the cursor of the page.
 */
import type { CaseFilter, CaseOrder, CaseState, KeyDimension, SecurityType, Strategy } from '../../gql/graphql.ts';

export interface QueueView {
  readonly filter: CaseFilter;
  readonly orderBy: CaseOrder;
  readonly after: string | null;
  readonly before: string | null;
}

const lists = { state: 'states', type: 'securityTypes', dim: 'keyDimensions', strategy: 'strategies' } as const;
const ids = { dept: 'consultedDepartmentId', party: 'partyOrganizationId', assignee: 'assigneeId' } as const;

export function readQueueView(params: URLSearchParams): QueueView {
  const filter: Record<string, unknown> = {};
  for (const [param, field] of Object.entries(lists)) {
    const values = params.getAll(param).filter(Boolean);
    if (values.length > 0) filter[field] = values;
  }
  for (const [param, field] of Object.entries(ids)) {
    const value = params.get(param);
    if (value) filter[field] = value;
  }
  const overdue = params.get('overdue');
  if (overdue === '1' || overdue === '0') filter.overdue = overdue === '1';
  const due = params.get('due');
  if (due !== null && /^\d{1,3}$/.test(due)) filter.dueWithinWorkingDays = Number(due);
  const text = params.get('q')?.trim();
  if (text) filter.text = text;
  return {
    filter: filter as CaseFilter,
    orderBy: params.get('order') === 'activity' ? 'LAST_ACTIVITY' : 'NEXT_DUE_AT',
    after: params.get('after'),
    before: params.get('before'),
  };
}

export interface QueueFilterForm {
  states?: CaseState[];
  securityTypes?: SecurityType[];
  keyDimensions?: KeyDimension[];
  strategies?: Strategy[];
  consultedDepartmentId?: string | null;
  partyOrganizationId?: string | null;
  assigneeId?: string | null;
  overdue?: 'yes' | 'no' | 'any';
  dueWithinWorkingDays?: number | null;
  text?: string;
  orderBy?: CaseOrder;
}

/** The parameters of a filter; the page cursor is dropped, since a new filter starts at page one. */
export function writeQueueView(form: QueueFilterForm): URLSearchParams {
  const params = new URLSearchParams();
  const add = (name: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) params.append(name, value);
  };
  add('state', form.states);
  add('type', form.securityTypes);
  add('dim', form.keyDimensions);
  add('strategy', form.strategies);
  if (form.consultedDepartmentId) params.set('dept', form.consultedDepartmentId);
  if (form.partyOrganizationId) params.set('party', form.partyOrganizationId);
  if (form.assigneeId) params.set('assignee', form.assigneeId);
  if (form.overdue === 'yes') params.set('overdue', '1');
  if (form.overdue === 'no') params.set('overdue', '0');
  if (form.dueWithinWorkingDays !== null && form.dueWithinWorkingDays !== undefined) {
    params.set('due', String(form.dueWithinWorkingDays));
  }
  if (form.text?.trim()) params.set('q', form.text.trim());
  if (form.orderBy === 'LAST_ACTIVITY') params.set('order', 'activity');
  return params;
}

/** The form's values for a view (the inverse of writeQueueView). */
export function formOf(view: QueueView): QueueFilterForm {
  const f = view.filter;
  return {
    states: (f.states as CaseState[] | undefined) ?? [],
    securityTypes: (f.securityTypes as SecurityType[] | undefined) ?? [],
    keyDimensions: (f.keyDimensions as KeyDimension[] | undefined) ?? [],
    strategies: (f.strategies as Strategy[] | undefined) ?? [],
    consultedDepartmentId: f.consultedDepartmentId ?? null,
    partyOrganizationId: f.partyOrganizationId ?? null,
    assigneeId: f.assigneeId ?? null,
    overdue: f.overdue === true ? 'yes' : f.overdue === false ? 'no' : 'any',
    dueWithinWorkingDays: f.dueWithinWorkingDays ?? null,
    text: f.text ?? '',
    orderBy: view.orderBy,
  };
}

/**
 * The console's pages as data: path, menu entry and the roles that may use each. The router, the
 * side menu, each role's first page and the "not found" answer all read this table; a page a role
 * may not use is absent and its URL answers like a missing page (design §8).
 */
import { BellOutlined, CheckSquareOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Role } from '../gql/graphql.ts';

export interface ConsoleRoute {
  readonly key: string;
  readonly path: string;
  /** Who may open it; a role not listed gets "not found". */
  readonly roles: readonly Role[];
  /** In the side menu, with this icon and `menu.<key>` as its label. */
  readonly menuIcon?: ReactNode;
  readonly page: LazyExoticComponent<ComponentType>;
}

const office: readonly Role[] = ['CASE_OFFICER', 'LEAD_REVIEWER'];
const everyone: readonly Role[] = [
  'CASE_OFFICER',
  'LEAD_REVIEWER',
  'APPEALS_PANEL',
  'AUDITOR',
  'ADMIN',
  'LIAISON',
  'FIRM_REPRESENTATIVE',
  'ASSESSOR',
];

/** In order of the side menu; a role starts on the first entry it may use. */
export const routes: readonly ConsoleRoute[] = [
  {
    key: 'queue',
    path: '/queue',
    roles: [...office, 'AUDITOR', 'APPEALS_PANEL'],
    menuIcon: <UnorderedListOutlined />,
    page: lazy(() => import('../pages/queue/QueuePage.tsx')),
  },
  {
    key: 'approvals',
    path: '/approvals',
    roles: ['LEAD_REVIEWER'],
    menuIcon: <CheckSquareOutlined />,
    page: lazy(() => import('../pages/approvals/ApprovalsPage.tsx')),
  },
  {
    key: 'inbox',
    path: '/inbox',
    roles: everyone,
    menuIcon: <BellOutlined />,
    page: lazy(() => import('../pages/inbox/InboxPage.tsx')),
  },
  {
    key: 'case',
    path: '/cases/:caseId',
    roles: [...office, 'AUDITOR', 'APPEALS_PANEL'],
    page: lazy(() => import('../pages/case/CaseFilePage.tsx')),
  },
];

export const routesFor = (roles: readonly Role[]) => routes.filter((r) => r.roles.some((role) => roles.includes(role)));

/** Where a person lands after signing in: their first menu page. */
export const homeFor = (roles: readonly Role[]) => routesFor(roles).find((r) => r.menuIcon)?.path ?? '/inbox';

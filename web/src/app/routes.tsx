/**
 * The console's pages as data: path, menu entry and the roles that may use each. The router, the
 * side menu, each role's first page and the "not found" answer all read this table; a page a role
 * may not use is absent and its URL answers like a missing page (design §8).
 */
import {
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  MessageOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { matchPath } from 'react-router';
import type { Role } from '../gql/graphql.ts';

export interface ConsoleRoute {
  readonly key: string;
  readonly path: string;
  /** Who may open it; a role not listed gets "not found". */
  readonly roles: readonly Role[];
  /** In the side menu, with this icon and `menu.<key>` as its label. */
  readonly menuIcon?: ReactNode;
  readonly page: LazyExoticComponent<ComponentType>;
  /** Loads the page's code (the lazy component's own import), to start it early. */
  readonly load: () => Promise<unknown>;
}

/** A lazily loaded page whose code can also be fetched ahead of rendering. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return { page: lazy(load), load };
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
    key: 'appeals',
    path: '/appeals',
    roles: ['APPEALS_PANEL'],
    menuIcon: <BankOutlined />,
    ...page(() => import('../pages/panel/AppealsPage.tsx')),
  },
  {
    key: 'appeal',
    path: '/appeals/:caseId',
    roles: ['APPEALS_PANEL'],
    ...page(() => import('../pages/panel/AppealPage.tsx')),
  },
  {
    key: 'audit',
    path: '/audit',
    roles: ['AUDITOR'],
    menuIcon: <FileProtectOutlined />,
    ...page(() => import('../pages/audit/AuditPage.tsx')),
  },
  {
    key: 'trail',
    path: '/audit/:caseId',
    roles: ['AUDITOR'],
    ...page(() => import('../pages/audit/CaseTrailPage.tsx')),
  },
  {
    key: 'queue',
    path: '/queue',
    roles: [...office, 'AUDITOR', 'APPEALS_PANEL'],
    menuIcon: <UnorderedListOutlined />,
    ...page(() => import('../pages/queue/QueuePage.tsx')),
  },
  {
    key: 'approvals',
    path: '/approvals',
    roles: ['LEAD_REVIEWER'],
    menuIcon: <CheckSquareOutlined />,
    ...page(() => import('../pages/approvals/ApprovalsPage.tsx')),
  },
  {
    key: 'consultations',
    path: '/consultations',
    roles: ['LIAISON'],
    menuIcon: <MessageOutlined />,
    ...page(() => import('../pages/liaison/ConsultationsPage.tsx')),
  },
  {
    key: 'consultation',
    path: '/consultations/:caseId',
    roles: ['LIAISON'],
    ...page(() => import('../pages/liaison/LiaisonCasePage.tsx')),
  },
  {
    key: 'assessments',
    path: '/assessments',
    roles: ['ASSESSOR'],
    menuIcon: <AuditOutlined />,
    ...page(() => import('../pages/assessor/AssessmentsPage.tsx')),
  },
  {
    key: 'assessment',
    path: '/assessments/:caseId',
    roles: ['ASSESSOR'],
    ...page(() => import('../pages/assessor/AssessorCasePage.tsx')),
  },
  {
    key: 'myCases',
    path: '/my-cases',
    roles: ['FIRM_REPRESENTATIVE'],
    menuIcon: <FolderOpenOutlined />,
    ...page(() => import('../pages/firm/FirmCasesPage.tsx')),
  },
  {
    key: 'filing',
    path: '/my-cases/new',
    roles: ['FIRM_REPRESENTATIVE'],
    ...page(() => import('../pages/firm/FilingWizard.tsx')),
  },
  {
    key: 'myCase',
    path: '/my-cases/:caseId',
    roles: ['FIRM_REPRESENTATIVE'],
    ...page(() => import('../pages/firm/FirmCasePage.tsx')),
  },
  {
    key: 'people',
    path: '/people',
    roles: ['ADMIN'],
    menuIcon: <TeamOutlined />,
    ...page(() => import('../pages/admin/PeoplePage.tsx')),
  },
  {
    key: 'serviceAccounts',
    path: '/service-accounts',
    roles: ['ADMIN'],
    menuIcon: <ApiOutlined />,
    ...page(() => import('../pages/admin/ServiceAccountsPage.tsx')),
  },
  {
    key: 'calendars',
    path: '/calendars',
    roles: ['ADMIN'],
    menuIcon: <CalendarOutlined />,
    ...page(() => import('../pages/admin/CalendarsPage.tsx')),
  },
  {
    key: 'inbox',
    path: '/inbox',
    roles: everyone,
    menuIcon: <BellOutlined />,
    ...page(() => import('../pages/inbox/InboxPage.tsx')),
  },
  {
    key: 'case',
    path: '/cases/:caseId',
    roles: [...office, 'AUDITOR', 'APPEALS_PANEL'],
    ...page(() => import('../pages/case/CaseFilePage.tsx')),
  },
];

export const routesFor = (roles: readonly Role[]) => routes.filter((r) => r.roles.some((role) => roles.includes(role)));

/** Where a person lands after signing in: their first menu page. */
export const homeFor = (roles: readonly Role[]) => routesFor(roles).find((r) => r.menuIcon)?.path ?? '/inbox';

/** Starts loading the code of the page at `pathname` (a reload, a bookmark) while the session is restored. */
export function preloadPage(pathname: string): void {
  const route = routes.find((r) => matchPath(r.path, pathname));
  void route?.load().catch(() => {});
}

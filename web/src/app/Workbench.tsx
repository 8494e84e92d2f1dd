/**
 * The signed-in console: a side menu with the pages the person's roles may use, a header with the
 * inbox (unread count, live), the language and the person; the page of the route in the middle.
 */
import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useSession } from '../auth/SessionContext.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ErrorAlert } from '../errors/ErrorAlert.tsx';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql.ts';
import { currentLanguage, i18n } from '../i18n/i18n.ts';
import { LabelsProvider, useLabel } from '../i18n/labels.tsx';
import { homeFor, routesFor } from './routes.tsx';
import { ViewerContext } from './viewer.ts';

const WorkbenchQuery = graphql(`
  query Workbench {
    viewer {
      person {
        id
        displayName
      }
      organization {
        id
        name
        nameZh
      }
      roles
      clearance
      preferredLocale
      notifications(first: 1, unreadOnly: true) {
        unreadCount
      }
    }
  }
`);

const InboxSubscription = graphql(`
  subscription InboxArrivals {
    inbox {
      id
      title
      caseId
      createdAt
      read
    }
  }
`);

const SetLocale = graphql(`
  mutation SetPreferredLocale($locale: Locale!) {
    setPreferredLocale(locale: $locale) {
      __typename
      ... on PreferredLocaleSet {
        locale
      }
    }
  }
`);

const toApi = { 'zh-CN': 'ZH_CN', en: 'EN' } as const;
const fromApi = { ZH_CN: 'zh-CN', EN: 'en' } as const;

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('notFound.title')} subTitle={t('notFound.text')} />;
}

export default function Workbench() {
  const { t } = useTranslation();
  const label = useLabel();
  const { session, state } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [{ data, error, fetching }, refetch] = useQuery({ query: WorkbenchQuery });
  const [, setLocale] = useMutation(SetLocale);
  const [live] = useSubscription({ query: InboxSubscription }, (count: number | undefined) => (count ?? 0) + 1);
  const viewer = data?.viewer;

  // The person's remembered language wins over the browser's, once known.
  useEffect(() => {
    const remembered = viewer?.preferredLocale ? fromApi[viewer.preferredLocale] : null;
    if (remembered && remembered !== currentLanguage()) void i18n.changeLanguage(remembered);
  }, [viewer?.preferredLocale]);

  // A new notification: the unread count comes from the server again.
  useEffect(() => {
    if (live.data) refetch({ requestPolicy: 'network-only' });
  }, [live.data, refetch]);

  // The session's roles lay out the pages at once; the viewer query fills in the header.
  const sessionRoles = state.status === 'signed-in' ? (state.roles as Role[]) : [];
  if (!viewer && sessionRoles.length === 0) {
    if (error) {
      return (
        <div className="page-error">
          <ErrorAlert error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        </div>
      );
    }
    return (
      <div className="page-loading" role="status">
        <Spin size="large" spinning={fetching} />
        <span className="sr-only">{t('common.loading')}</span>
      </div>
    );
  }

  const roles = (viewer?.roles as Role[] | undefined) ?? sessionRoles;
  const pages = routesFor(roles);
  const menu = pages.filter((r) => r.menuIcon);
  const selected = menu.find((r) => location.pathname.startsWith(r.path))?.key;
  const unread = viewer?.notifications.unreadCount ?? 0;
  const organization = viewer?.organization;
  const orgName = organization
    ? i18n.language === 'zh-CN'
      ? (organization.nameZh ?? organization.name)
      : organization.name
    : '';

  return (
    <ViewerContext.Provider value={{ personId: viewer?.person?.id ?? null, roles }}>
      <LabelsProvider>
        <Layout className="workbench">
          <a className="skip-link" href="#main">
            {t('common.skipToContent')}
          </a>
          <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={220} className="side">
            <div className="brand">
              <Typography.Text strong>{t('app.name')}</Typography.Text>
            </div>
            <nav aria-label={t('menu.label')}>
              <Menu
                mode="inline"
                selectedKeys={selected ? [selected] : []}
                items={menu.map((r) => ({
                  key: r.key,
                  icon: r.menuIcon,
                  label: <Link to={r.path}>{t(`menu.${r.key}`)}</Link>,
                }))}
              />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Header className="header">
              <Space size="middle" className="header-right">
                {/* The name is the hidden text, not an aria-label: the badge's digits roll while the
                    count changes, and a label that differs from the visible text fails WCAG 2.5.3. */}
                <Link to="/inbox" data-testid="inbox-link">
                  <span className="sr-only">{t('header.inboxUnread', { count: unread })}</span>
                  <Badge count={unread} size="small" aria-hidden>
                    <BellOutlined className="header-icon" />
                  </Badge>
                </Link>
                <LanguageSwitch onChange={(language) => void setLocale({ locale: toApi[language] })} />
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      {
                        key: 'who',
                        disabled: true,
                        label: `${orgName} · ${roles.map((r) => label('ROLE', r)).join(', ')}`,
                      },
                      {
                        key: 'sign-out',
                        icon: <LogoutOutlined />,
                        label: t('header.signOut'),
                        onClick: () => {
                          void session.signOut().finally(() => navigate('/'));
                        },
                      },
                    ],
                  }}
                >
                  <Button type="text" icon={<UserOutlined />} data-testid="person-menu">
                    {viewer?.person?.displayName ?? ''}
                  </Button>
                </Dropdown>
              </Space>
            </Layout.Header>
            <Layout.Content id="main" className="content" tabIndex={-1}>
              <Suspense
                fallback={
                  <div className="page-loading" role="status">
                    <Spin />
                  </div>
                }
              >
                <Routes>
                  <Route path="/" element={<Navigate to={homeFor(roles)} replace />} />
                  {pages.map((r) => (
                    <Route key={r.key} path={r.path} element={<r.page />} />
                  ))}
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </Layout.Content>
          </Layout>
        </Layout>
      </LabelsProvider>
    </ViewerContext.Provider>
  );
}

/**
 * The shell: Ant Design in the person's language (with the page's CSP nonce for its styles), the
 * API client, the router; the sign-in page and the workbench are separate chunks, so signing in
 * loads none of the workbench's code.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { type Client, Provider as UrqlProvider } from 'urql';
import { SessionProvider, useSession } from '../auth/SessionContext.tsx';
import type { Session } from '../auth/session.ts';
import { i18n } from '../i18n/i18n.ts';
import { OfflineBanner } from './OfflineBanner.tsx';

const SignInPage = lazy(() => import('../pages/sign-in/SignInPage.tsx'));
const EnrolmentPage = lazy(() => import('../pages/sign-in/EnrolmentPage.tsx'));
const Workbench = lazy(() => import('./Workbench.tsx'));

/** Vite writes `<meta property="csp-nonce" nonce=…>`; the server fills in a fresh nonce per page. */
const cspNonce = () =>
  (globalThis.document?.querySelector('meta[property="csp-nonce"]') as HTMLMetaElement | null)?.nonce || undefined;

function Loading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <Spin size="large" />
      <span className="sr-only">{t('common.loading')}</span>
    </div>
  );
}

function Screens() {
  const { state } = useSession();
  if (state.status === 'unknown') return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      {state.status === 'signed-out' ? (
        <SignInPage />
      ) : state.mfa === 'enrolment-required' ? (
        <EnrolmentPage />
      ) : (
        <Workbench />
      )}
    </Suspense>
  );
}

function Localised(props: { children: React.ReactNode }) {
  const { i18n: instance } = useTranslation();
  const [nonce] = useState(cspNonce);
  useEffect(() => {
    document.documentElement.lang = instance.language;
  }, [instance.language]);
  return (
    <ConfigProvider
      locale={instance.language === 'zh-CN' ? zhCN : enUS}
      csp={nonce ? { nonce } : {}}
      // Secondary text dark enough for WCAG AA contrast; no space forced between two CJK characters.
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          colorLink: '#1d4ed8',
          borderRadius: 4,
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
        },
        components: { Tabs: { itemHoverColor: '#1d4ed8' }, Menu: { itemHoverColor: '#1d4ed8' } },
      }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}

export function App(props: { session: Session; client: Client }) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider session={props.session}>
        <UrqlProvider value={props.client}>
          <Localised>
            <BrowserRouter>
              <OfflineBanner />
              <Screens />
            </BrowserRouter>
          </Localised>
        </UrqlProvider>
      </SessionProvider>
    </I18nextProvider>
  );
}

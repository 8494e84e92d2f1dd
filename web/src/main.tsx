/** Boots the console: the session (restored from its cookie), the API client, the language, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { App } from './app/App.tsx';
import { preloadPage } from './app/routes.tsx';
import { createSession } from './auth/session.ts';
import './app/console.css';

const session = createSession();
const client = createApiClient(session);
// A reload or a new tab: the refresh cookie, if any, restores the session without a sign-in; the
// workbench and the page of the URL load meanwhile, so nothing waits for the other.
void session
  .refresh()
  .then((token) => {
    if (token) {
      void import('./app/Workbench.tsx');
      preloadPage(window.location.pathname);
    }
  })
  .catch(() => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={session} client={client} />
  </StrictMode>,
);

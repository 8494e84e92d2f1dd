/**
 * The one GraphQL client of the console (urql): every request carries the in-memory access token
 * and the CSRF header; a 401 refreshes the session once and retries; subscriptions (`caseEvents`,
 * `inbox`) run over the API's server-sent events with the same token.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { csrfHeaders, type Session } from '../auth/session.ts';

export function createApiClient(session: Session): Client {
  const authorized = async (token: string | null): Promise<Record<string, string>> => ({
    ...csrfHeaders,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });

  const authFetch: typeof fetch = async (input, init) => {
    const send = async (token: string | null) =>
      fetch(input, {
        ...init,
        headers: { ...(init?.headers as Record<string, string> | undefined), ...(await authorized(token)) },
      });
    const response = await send(await session.accessToken());
    if (response.status !== 401) return response;
    const token = await session.refresh();
    return token ? send(token) : response;
  };

  const sse = createSseClient({
    url: '/graphql',
    headers: async () => authorized(await session.accessToken()),
    // Reconnect after a network drop or a server restart; the case query refetches on reconnect.
    retryAttempts: 1_000_000,
    retry: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000))),
  });

  return new Client({
    url: '/graphql',
    fetch: authFetch,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = sse.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}

/** Serves the real app on a free port of 127.0.0.1, so tests talk to it over HTTP like a client. */
import type { AddressInfo } from 'node:net';
import { type AppDependencies, createApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { authSettings } from '../../src/domain/auth/auth-settings.ts';
import { createLogger } from '../../src/logger.ts';

/** The signing key of test servers: fixed, so a test can mint tokens the server accepts. */
export const testSigningKey = new TextEncoder().encode('test-signing-key-of-at-least-32-bytes!');

import type { TestDatabase } from './test-database.ts';

export interface TestServer {
  readonly url: string;
  /** POSTs a GraphQL operation and returns the parsed body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** The same server, sending these headers (e.g. a bearer token) with every operation. */
  as(headers: Record<string, string>): Pick<TestServer, 'graphql' | 'url'>;
  close(): Promise<void>;
}

export async function startTestServer(
  database: TestDatabase,
  options: { env?: Record<string, string>; deps?: Partial<AppDependencies> } = {},
): Promise<TestServer> {
  const config: Config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const app = createApp(config, {
    database,
    logger: createLogger(config),
    auth: authSettings(config.auth, testSigningKey),
    ...options.deps,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const graphql: TestServer['graphql'] = async (query, variables, headers) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
  return {
    url,
    graphql,
    as: (headers) => ({
      url,
      graphql: (query, variables, extra) => graphql(query, variables, { ...headers, ...extra }),
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

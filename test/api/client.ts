/**
 * What the API tests share: a clock the test moves by hand (servers read it through `deps.now`),
 * the operations a client sends, and a POST that keeps the HTTP status and headers.
 */
import { generate } from 'otplib';
import { DEMO_PASSWORD, demoTotpSecrets } from '../../src/seed/demo-data.ts';
import { SEED_INSTANT } from '../support/fixed-time.ts';

export { DEMO_PASSWORD };

/** A settable clock: every server of a file reads it, so time passes only when a test says so. */
export class TestClock {
  private current: Date;
  constructor(start: Date = new Date(SEED_INSTANT.getTime() + 3_600_000)) {
    this.current = start;
  }
  readonly now = (): Date => this.current;
  /** An instant `ms` after the current one, without moving the clock. */
  later(ms: number): Date {
    return new Date(this.current.getTime() + ms);
  }
  advance(ms: number): Date {
    this.current = this.later(ms);
    return this.current;
  }
}

export const minutes = (n: number) => n * 60_000;

/** The authenticator-app code of `secret` at `at`. */
export const totpCode = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** The code of a seeded account whose second factor the demo seed provisioned. */
export function demoTotpCode(email: string, at: Date): Promise<string> {
  const secret = demoTotpSecrets[email];
  if (!secret) throw new Error(`no demo second factor for ${email}`);
  return totpCode(secret, at);
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface HttpAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GraphQLBody<T>;
}

/** POSTs an operation to `${url}/graphql` and keeps what a client sees: status, headers and body. */
export async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody<T> };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A result union member as a client selects it: the type name, and either the payload or the error message. */
export type Result<Payload> = ({ __typename: string; message?: string } & Partial<Payload>) | undefined;

export interface SessionPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  mfa: 'VERIFIED' | 'NOT_REQUIRED' | 'ENROLMENT_REQUIRED';
}

const errorFields = '... on Error { message } ... on RateLimited { retryAfterSeconds }';
const sessionFields = `__typename ... on Session { accessToken refreshToken expiresAt mfa } ${errorFields}`;

export const loginMutation = /* GraphQL */ `
  mutation Login($input: LoginInput!) { login(input: $input) { ${sessionFields} } }`;
export const refreshMutation = /* GraphQL */ `
  mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${sessionFields} } }`;
export const logoutMutation = /* GraphQL */ `
  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;
export const viewerQuery = /* GraphQL */ `
  query Viewer { viewer { person { id email } organization { code } roles clearance } }`;

export interface ViewerData {
  viewer: {
    person: { id: string; email: string } | null;
    organization: { code: string };
    roles: string[];
    clearance: string;
  } | null;
}

/** Signs in through the `login` mutation and returns the union member it answered. */
export async function login(
  url: string,
  input: { email: string; password?: string; totpCode?: string },
): Promise<NonNullable<Result<SessionPayload>>> {
  const answer = await post<{ login: Result<SessionPayload> }>(url, loginMutation, {
    input: { password: DEMO_PASSWORD, ...input },
  });
  if (answer.body.errors) throw new Error(`login failed: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data!.login!;
}

/** Signs in and insists on a session; returns its tokens. */
export async function session(
  url: string,
  input: { email: string; password?: string; totpCode?: string },
): Promise<SessionPayload> {
  const result = await login(url, input);
  if (result.__typename !== 'Session') throw new Error(`${input.email} got ${result.__typename}: ${result.message}`);
  return result as SessionPayload & { __typename: 'Session' };
}

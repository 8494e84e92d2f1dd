/**
 * The browser's session with the API. The access token lives in this object's memory only (never in
 * storage a script could read later); the refresh token is an HttpOnly cookie the server sets on
 * /auth, so a reload or a new tab restores the session with one POST /auth/refresh. The token is
 * refreshed a minute before it expires, so the person never notices; one refresh at a time per tab,
 * and across tabs through a Web Lock, because presenting a spent refresh token ends every session.
 */

export type MfaState = 'verified' | 'not-required' | 'enrolment-required';

export type SessionState =
  | { readonly status: 'unknown' }
  | { readonly status: 'signed-out'; readonly reason?: 'expired' | 'signed-out' }
  | {
      readonly status: 'signed-in';
      readonly accessToken: string;
      readonly expiresAt: number;
      readonly mfa: MfaState;
      /** The person's roles, so the console lays out its pages before the `viewer` query answers. */
      readonly roles: readonly string[];
    };

/** A refused sign-in or session call, with the API's code (INVALID_CREDENTIALS, RATE_LIMITED, …). */
export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The header every cookie-carrying request sends (the API's CSRF rule). */
export const csrfHeaders = { 'X-ICSR-CSRF': '1' } as const;

const refreshAheadMs = 60_000;

export interface Session {
  readonly state: SessionState;
  subscribe(listener: () => void): () => void;
  signIn(input: { email: string; password: string; totpCode?: string }): Promise<void>;
  /** A fresh access token from the cookie, or null when there is no session any more. */
  refresh(): Promise<string | null>;
  /** The current access token, refreshed first when it is about to expire; null when signed out. */
  accessToken(): Promise<string | null>;
  signOut(): Promise<void>;
}

export function createSession(fetchImpl: typeof fetch = (...args) => fetch(...args)): Session {
  let state: SessionState = { status: 'unknown' };
  const listeners = new Set<() => void>();
  let refreshing: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const set = (next: SessionState) => {
    state = next;
    clearTimeout(timer);
    if (next.status === 'signed-in') {
      const wait = Math.max(next.expiresAt - Date.now() - refreshAheadMs, 5_000);
      timer = setTimeout(() => void refresh().catch(() => {}), wait);
    }
    for (const listener of listeners) listener();
  };

  const post = async (path: string, body?: unknown): Promise<Record<string, unknown> | null> => {
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { ...csrfHeaders, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new SessionError('NETWORK', 'The server cannot be reached.');
    }
    if (response.status === 204) return null;
    const json = (await response.json().catch(() => null)) as { error?: Record<string, unknown> } | null;
    if (!response.ok) {
      const error = json?.error ?? {};
      const code = typeof error.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL' : 'NETWORK';
      throw new SessionError(code, String(error.message ?? response.statusText), error);
    }
    return json as Record<string, unknown>;
  };

  const accept = (json: Record<string, unknown> | null) => {
    if (!json || typeof json.accessToken !== 'string') throw new SessionError('INTERNAL', 'Unexpected answer.');
    set({
      status: 'signed-in',
      accessToken: json.accessToken,
      expiresAt: Date.parse(String(json.expiresAt)),
      mfa: json.mfa as MfaState,
      roles: Array.isArray(json.roles) ? (json.roles as string[]) : [],
    });
    return json.accessToken;
  };

  const refresh = (): Promise<string | null> => {
    refreshing ??= (async () => {
      try {
        const run = () => post('/auth/refresh');
        const json = globalThis.navigator?.locks
          ? await navigator.locks.request('icsr-session-refresh', run)
          : await run();
        return accept(json);
      } catch (error) {
        if (error instanceof SessionError && (error.code === 'UNAUTHENTICATED' || error.code === 'INVALID_TOKEN')) {
          set({ status: 'signed-out', ...(state.status === 'signed-in' ? { reason: 'expired' as const } : {}) });
          return null;
        }
        throw error;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async signIn(input) {
      accept(await post('/auth/login', input));
    },
    refresh,
    async accessToken() {
      if (state.status === 'signed-out') return null;
      if (state.status === 'unknown' || state.expiresAt - Date.now() < 30_000) return refresh();
      return state.accessToken;
    },
    async signOut() {
      try {
        await post('/auth/logout');
      } finally {
        set({ status: 'signed-out', reason: 'signed-out' });
      }
    },
  };
}

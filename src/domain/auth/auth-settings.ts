/** What the login and refresh functions need from the configuration, plus the resolved signing key. */
import type { Config } from '../../config.ts';

export interface AuthSettings
  extends Pick<
    Config['auth'],
    'accessTokenTtlSeconds' | 'refreshTokenTtlDays' | 'mfaRequiredRoles' | 'loginAttemptsPerIp'
  > {
  /** HS256 key from `resolveSigningKey`. */
  readonly signingKey: Uint8Array;
}

export function authSettings(auth: Config['auth'], signingKey: Uint8Array): AuthSettings {
  return {
    signingKey,
    accessTokenTtlSeconds: auth.accessTokenTtlSeconds,
    refreshTokenTtlDays: auth.refreshTokenTtlDays,
    mfaRequiredRoles: auth.mfaRequiredRoles,
    loginAttemptsPerIp: auth.loginAttemptsPerIp,
  };
}

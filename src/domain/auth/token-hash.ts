/** Opaque bearer tokens (refresh, service-account, one-time): random, prefixed, stored only as SHA-256. */
import { createHash, randomBytes } from 'node:crypto';

export const refreshTokenPrefix = 'icsr_rt_';
export const serviceAccountTokenPrefix = 'icsr_sa_';
export const oneTimeTokenPrefix = 'icsr_ot_';

/** `prefix` followed by 32 random bytes in base64url. */
export function randomToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Lower-case hex SHA-256: the only form in which a token is stored. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken, verifyAccessToken } from '../../src/domain/auth/access-token.ts';
import { InvalidTokenError } from '../../src/domain/auth/auth-errors.ts';
import { hashPassword, verifyPassword, ZPassword } from '../../src/domain/auth/passwords.ts';
import { resolveSigningKey, signingKeyFileName } from '../../src/domain/auth/signing-key.ts';
import { verifyTotp } from '../../src/domain/auth/totp.ts';
import { T0 } from './fixtures.ts';

const key = new Uint8Array(randomBytes(32));
const subject = { personId: randomUUID(), organizationId: randomUUID(), mfa: 'not-required' as const };

function flip(token: string, part: 1 | 2): string {
  const parts = token.split('.');
  const segment = parts[part]!;
  const at = Math.floor(segment.length / 2);
  parts[part] = segment.slice(0, at) + (segment[at] === 'A' ? 'B' : 'A') + segment.slice(at + 1);
  return parts.join('.');
}

async function expectInvalid(promise: Promise<unknown>, reason: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect((error as InvalidTokenError).reason).toBe(reason);
}

describe('access tokens', () => {
  it('carry the person, organisation and second-factor state, with iat and exp from now', async () => {
    const { token, expiresAt } = await issueAccessToken(key, subject, T0, 900);
    expect(expiresAt).toEqual(new Date(T0.getTime() + 900_000));
    const claims = await verifyAccessToken(key, token, new Date(T0.getTime() + 899_000));
    expect(claims).toEqual({ ...subject, issuedAt: T0, expiresAt });
  });

  it('keep milliseconds in iat, so revocation within the same second is exact', async () => {
    const now = new Date(T0.getTime() + 123);
    const { token } = await issueAccessToken(key, subject, now, 900);
    expect((await verifyAccessToken(key, token, now)).issuedAt).toEqual(now);
  });

  it('are refused once expired', async () => {
    const { token } = await issueAccessToken(key, subject, T0, 900);
    await expectInvalid(verifyAccessToken(key, token, new Date(T0.getTime() + 900_000)), 'expired');
    await expectInvalid(verifyAccessToken(key, token, new Date(T0.getTime() + 3_600_000)), 'expired');
  });

  it('are refused when tampered with, in the claims or the signature', async () => {
    const { token } = await issueAccessToken(key, subject, T0, 900);
    await expectInvalid(verifyAccessToken(key, flip(token, 1), T0), 'invalid');
    await expectInvalid(verifyAccessToken(key, flip(token, 2), T0), 'invalid');
  });

  it('are refused under another key', async () => {
    const { token } = await issueAccessToken(key, subject, T0, 900);
    await expectInvalid(verifyAccessToken(new Uint8Array(randomBytes(32)), token, T0), 'invalid');
  });

  it('are refused with another audience or issuer, or without our claims', async () => {
    const iat = T0.getTime() / 1000;
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      build(new SignJWT({ org: subject.organizationId, mfa: 'verified' }).setProtectedHeader({ alg: 'HS256' }))
        .setSubject(subject.personId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 900)
        .sign(key);
    await expectInvalid(
      verifyAccessToken(key, await sign((j) => j.setIssuer('icsr').setAudience('other')), T0),
      'invalid',
    );
    await expectInvalid(
      verifyAccessToken(key, await sign((j) => j.setIssuer('other').setAudience('icsr-api')), T0),
      'invalid',
    );
    const noMfa = await new SignJWT({ org: subject.organizationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('icsr')
      .setAudience('icsr-api')
      .setSubject(subject.personId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 900)
      .sign(key);
    await expectInvalid(verifyAccessToken(key, noMfa, T0), 'invalid');
  });

  it('are refused when not a JWT at all', async () => {
    await expectInvalid(verifyAccessToken(key, 'not-a-token', T0), 'invalid');
  });
});

describe('passwords', () => {
  it('hash with argon2id and verify', async () => {
    const hash = await hashPassword('correct horse battery 1');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery 1')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery 2')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('need 12 characters of at least two classes', () => {
    expect(ZPassword.safeParse('Short-1').success).toBe(false);
    expect(ZPassword.safeParse('alllowercaseletters').success).toBe(false);
    expect(ZPassword.safeParse('123456789012345').success).toBe(false);
    expect(ZPassword.safeParse('lowercase and spaces').success).toBe(true);
    expect(ZPassword.safeParse('Review-Demo-2026!').success).toBe(true);
  });
});

describe('the signing key', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'icsr-key-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('is the configured secret when there is one', async () => {
    const secret = 'x'.repeat(40);
    expect(await resolveSigningKey({ jwtSecret: secret, dataDir })).toEqual(new TextEncoder().encode(secret));
  });

  it('is otherwise generated once, kept in the data directory with mode 0600, and reused', async () => {
    const dir = path.join(dataDir, 'nested');
    const first = await resolveSigningKey({ jwtSecret: null, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, signingKeyFileName);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(Buffer.from(first).toString('base64url'));
    expect(await resolveSigningKey({ jwtSecret: null, dataDir: dir })).toEqual(first);
  });

  it('starts twice at once with one key', async () => {
    const dir = path.join(dataDir, 'race');
    const [a, b] = await Promise.all([
      resolveSigningKey({ jwtSecret: null, dataDir: dir }),
      resolveSigningKey({ jwtSecret: null, dataDir: dir }),
    ]);
    expect(a).toEqual(b);
  });
});

describe('TOTP codes', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const epoch = Math.floor(T0.getTime() / 1000);
  const codeAt = (offsetSeconds: number) => generate({ secret, epoch: epoch + offsetSeconds });

  const step = Math.floor(epoch / 30);

  it('are accepted for now and one 30-second step either side, never the wall clock', async () => {
    expect(await verifyTotp(secret, await codeAt(0), T0)).toBe(step);
    expect(await verifyTotp(secret, await codeAt(-30), T0)).toBe(step - 1);
    expect(await verifyTotp(secret, await codeAt(30), T0)).toBe(step + 1);
  });

  it('are accepted once: a step at or before the last one used is refused', async () => {
    expect(await verifyTotp(secret, await codeAt(0), T0, step)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(-30), T0, step - 1)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(30), T0, step)).toBe(step + 1);
  });

  it('are refused two steps away, malformed or wrong', async () => {
    const valid = new Set([await codeAt(-30), await codeAt(0), await codeAt(30)]);
    const far = await codeAt(-90);
    if (!valid.has(far)) expect(await verifyTotp(secret, far, T0)).toBeNull();
    expect(await verifyTotp(secret, '12345', T0)).toBeNull();
    expect(await verifyTotp(secret, 'abcdef', T0)).toBeNull();
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    expect(await verifyTotp(secret, wrong, T0)).toBeNull();
  });
});

/**
 * The HS256 key that signs access tokens: `JWT_SECRET` when configured, otherwise (the embedded
 * default) 32 random bytes generated on the first start and kept in `<dataDir>/jwt-signing-key`
 * (base64url text, mode 0600), so that tokens survive restarts. Several processes sharing one
 * database need `JWT_SECRET` (src/config.ts enforces it in production).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const signingKeyFileName = 'jwt-signing-key';
const minimumKeyBytes = 32;

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export async function resolveSigningKey(options: {
  readonly jwtSecret: string | null;
  readonly dataDir: string;
}): Promise<Uint8Array> {
  if (options.jwtSecret !== null) {
    const key = new TextEncoder().encode(options.jwtSecret);
    if (key.length < minimumKeyBytes) throw new SigningKeyError(`JWT_SECRET must be at least ${minimumKeyBytes} bytes`);
    return key;
  }
  const file = path.join(options.dataDir, signingKeyFileName);
  await mkdir(options.dataDir, { recursive: true });
  try {
    // 'wx' fails if the file exists, so two processes starting together keep the first key.
    await writeFile(file, `${randomBytes(minimumKeyBytes).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  if (key.length < minimumKeyBytes) {
    throw new SigningKeyError(`${file} holds fewer than ${minimumKeyBytes} bytes; delete it to generate a new key`);
  }
  // Tighten a key file someone copied with looser permissions (no-op where unsupported).
  await chmod(file, 0o600).catch(() => {});
  return new Uint8Array(key);
}

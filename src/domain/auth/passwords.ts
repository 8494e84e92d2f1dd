/**
 * Password hashing (argon2id, the library's default cost: 19 MiB, 2 passes, 1 lane — OWASP's
 * minimum recommendation) and the password policy.
 *
 * Policy, kept simple on purpose (NIST SP 800-63B favours length over composition rules):
 * - at least 12 and at most 256 characters (the cap bounds the hashing cost of a request);
 * - not made of one character class only (all lower-case letters, all upper-case letters, all
 *   digits, or all symbols/other), which rules out the most trivial long passwords.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** `Algorithm.Argon2id`; the enum is an ambient `const enum`, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm;

const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/] as const;

export const ZPassword = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .refine((p) => classes.filter((c) => c.test(p)).length >= 2, {
    message: 'must mix at least two of: lower-case letters, upper-case letters, digits, symbols',
  });

/**
 * At most `concurrentHashes` argon2 computations at a time in this process (the others wait their
 * turn): a burst of sign-ins then uses at most that many cores, and every other request keeps
 * the rest (the fault suite's abuse test holds the list load's p99 within 2× during such a burst).
 */
const concurrentHashes = 1;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= concurrentHashes) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, { algorithm: ARGON2ID }));
}

/** False for a wrong password and for a malformed hash: a bad row must not let anyone in. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/**
 * An argon2id hash of a random password nobody knows, with the same cost as real hashes: login
 * verifies against it when the e-mail is unknown or the account cannot sign in, so that the answer
 * takes about as long as a real check.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Ck7ZiT0exsWmeZEHvsdh9g$PkpTPPW/70waUJCKDyNR1wIxH3OA6p5ooaDpxM7LqxY';

export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

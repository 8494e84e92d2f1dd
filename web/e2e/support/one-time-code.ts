/**
 * One-time codes for the demo accounts that have a second factor. The server accepts each 30-second
 * code once per account, and the suite's files run in parallel workers (two of them sign in as the
 * same lead reviewer), so a worker reserves the (account, time step) pair with an exclusively created
 * file before it uses the code, and otherwise waits for the next step.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from 'otplib';
import { demoTotpSecrets } from '../../../src/seed/demo-data.ts';

const stepSeconds = 30;

export async function unusedOneTimeCode(email: string): Promise<string> {
  const secret = demoTotpSecrets[email];
  if (!secret) throw new Error(`no demo TOTP secret for ${email}`);
  for (;;) {
    const step = Math.floor(Date.now() / 1000 / stepSeconds);
    try {
      await writeFile(join(tmpdir(), `icsr-e2e-totp-${email}-${step}`), '', { flag: 'wx' });
      return await generate({ secret, epoch: step * stepSeconds });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await sleep((step + 1) * stepSeconds * 1000 - Date.now() + 100);
  }
}

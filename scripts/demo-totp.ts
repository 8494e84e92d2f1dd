/** `npm run demo:totp -- <email>`: the current one-time code of a demo account that needs one. */
import { generate } from 'otplib';
import { demoTotpSecrets } from '../src/seed/demo-data.ts';

const email = process.argv[2];
const secret = email ? demoTotpSecrets[email] : undefined;
if (!secret) {
  process.stderr.write(`usage: npm run demo:totp -- <email>, one of: ${Object.keys(demoTotpSecrets).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(`${await generate({ secret })}\n`);

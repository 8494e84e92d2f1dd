import { cnCsrRegime } from './cn-csr.ts';
import type { RegimeDefinition } from './regime-definition.ts';
import { usCfiusRegime } from './us-cfius.ts';

/** The shipped regimes (their current versions), keyed by code. */
export const regimes = {
  CN_CSR: cnCsrRegime,
  US_CFIUS: usCfiusRegime,
} satisfies Record<string, RegimeDefinition>;

/** Code of a regime shipped with the product. */
export type ShippedRegimeCode = keyof typeof regimes;

/** The regime a new case gets when none is chosen. */
export const defaultRegimeCode: ShippedRegimeCode = 'CN_CSR';

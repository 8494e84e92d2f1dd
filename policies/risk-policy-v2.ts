/**
 * Version 2 of the risk and strategy policy (issue 11, finding 6): scarcity counts suppliers the way
 * the paper grades a mature technology — "general-purpose, strategic, few suppliers → high risk".
 *
 * Under risk-v1 scarcity fell as 1/√(effective suppliers), so only a single source scored as scarce:
 * three mostly foreign suppliers of a mature, general-purpose (4/5), strategic (4/5) technology gave
 * exposure 0.41, under the 0.45 gate, and the grade was capped at MEDIUM. Here up to three effective
 * suppliers (by count, or fewer by concentration: 10,000 / HHI) count as few, and the count weighs
 * more than the spread over countries. Every other number is v1's; the gate still keeps dependency
 * alone at MEDIUM at most. policies/README.md works the example through.
 */

import { riskPolicyV1 } from './risk-policy-v1.ts';
import type { RiskPolicy } from './risk-policy-version.ts';

export const riskPolicyV2 = {
  ...riskPolicyV1,
  version: 'risk-v2',
  /** Scarcity = 0.8 × min(1, 3 / effective suppliers) + 0.2 / √(countries). */
  scarcity: { countWeight: 0.8, withoutSupplyData: 0.5, fewSuppliers: 3 },
  /**
   * The paper's table for every subject, now with the capability gap (its most important type): a
   * long-standing deficit, by default lock-in through the international division of labour (aero
   * engines), threatening innovation and manufacturing; the officer picks weak basic research or
   * uneconomical entry where they fit better.
   */
  /**
   * The deficit sub-strategy follows the paper's rule on the facts (issue 11, finding 8); the
   * committee's class is shown beside it, flagged when the two differ, never copied.
   */
  deficitSubStrategyFrom: 'FACTS',
  subjectDefaults: {
    ...riskPolicyV1.subjectDefaults,
    CAPABILITY_GAP: { keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN', capabilities: ['INNOVATION', 'MANUFACTURING'] },
  },
} as const satisfies RiskPolicy;

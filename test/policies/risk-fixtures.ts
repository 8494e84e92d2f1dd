/**
 * Inputs for the risk-policy tests: node metrics computed by hand from a supplier list (the same
 * definitions as the knowledge base's SQL: normalised shares, HHI 0–10,000, foreign share vs CN).
 */
import type { NodeMetrics } from '../../policies/node-metrics.ts';
import type { KeyTechnologyFacts, RiskNodeInput } from '../../policies/risk-policy.ts';

export interface Supply {
  readonly share: number;
  readonly country: string;
}

export function metricsOf(nodeId: string, supply: readonly Supply[], homeCountry = 'CN'): NodeMetrics {
  const total = supply.reduce((sum, s) => sum + s.share, 0);
  const normalised = supply.map((s) => ({ ...s, share: total > 0 ? (s.share / total) * 100 : 0 }));
  return {
    nodeId,
    supplierCount: supply.length,
    concentration: supply.length === 0 ? null : normalised.reduce((sum, s) => sum + s.share * s.share, 0),
    foreignShare:
      supply.length === 0
        ? null
        : normalised.filter((s) => s.country !== homeCountry).reduce((sum, s) => sum + s.share, 0),
    singleSource: supply.length === 1,
    countries: [...new Set(supply.map((s) => s.country))].sort(),
    reportedShareTotal: total,
    normalised: supply.length > 0 && Math.abs(total - 100) > 1e-9,
  };
}

export const node = (nodeId: string, name: string, supply: readonly Supply[]): RiskNodeInput => ({
  nodeId,
  name,
  metrics: metricsOf(nodeId, supply),
});

export const technology = (
  nodeId: string,
  name: string,
  values: Omit<KeyTechnologyFacts, 'nodeId' | 'name'>,
): KeyTechnologyFacts => ({ nodeId, name, ...values });

/** `n` suppliers sharing `total` percent equally, spread round-robin over `countries`. */
export const spread = (n: number, total: number, countries: readonly string[]): Supply[] =>
  Array.from({ length: n }, (_, i) => ({ share: total / n, country: countries[i % countries.length]! }));

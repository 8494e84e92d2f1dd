/**
 * What the knowledge base knows about one chain node's supply (issue 7 §2), computed in SQL by
 * `src/domain/knowledge/node-metrics.ts` and read by the risk policy. Plain data, no I/O.
 */
export interface NodeMetrics {
  readonly nodeId: string;
  /** Distinct suppliers with a current link (until is null or in the future). */
  readonly supplierCount: number;
  /** Herfindahl–Hirschman index over normalised shares, 0–10,000; null with no suppliers. */
  readonly concentration: number | null;
  /** Share of supply from outside the home country, 0–100 over normalised shares; null with no suppliers. */
  readonly foreignShare: number | null;
  /** Exactly one supplier. */
  readonly singleSource: boolean;
  /** ISO 3166-1 alpha-2 codes of the suppliers' countries, sorted. */
  readonly countries: readonly string[];
  /** Sum of the reported shares before normalisation (percent). */
  readonly reportedShareTotal: number;
  /** True when the reported shares did not sum to 100 and were normalised. */
  readonly normalised: boolean;
}

/**
 * What the risk policy reads about a case, loaded from the knowledge base as it stands at `at`:
 * the case's chain nodes (case_nodes) with their metrics, and the key technologies listed on them.
 * The result is stored with the case's risk result, so it can be shown and compared later.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { caseNodes } from '../../../db/schema/cases.ts';
import { chainNodes, keyTechnologies } from '../../../db/schema/knowledge.ts';
import type { ClassificationFacts, KeyTechnologyFacts, RiskInput } from '../../../policies/risk-policy.ts';
import type { Queryable } from '../../database/database.ts';
import { loadNodeMetrics } from '../knowledge/node-metrics.ts';

/** The case's nodes, in a stable order (by code), with their key technologies. */
export async function loadCaseKnowledge(q: Queryable, caseId: string) {
  const nodes = await q
    .select({ nodeId: chainNodes.id, name: chainNodes.name })
    .from(caseNodes)
    .innerJoin(chainNodes, eq(chainNodes.id, caseNodes.nodeId))
    .where(eq(caseNodes.caseId, caseId))
    .orderBy(asc(chainNodes.code), asc(chainNodes.id));
  const technologies: KeyTechnologyFacts[] =
    nodes.length === 0
      ? []
      : await q
          .select({
            nodeId: keyTechnologies.nodeId,
            name: keyTechnologies.name,
            maturity: keyTechnologies.maturity,
            generality: keyTechnologies.generality,
            strategicValue: keyTechnologies.strategicValue,
            priority: keyTechnologies.priority,
            strategyClass: keyTechnologies.strategyClass,
          })
          .from(keyTechnologies)
          .where(
            inArray(
              keyTechnologies.nodeId,
              nodes.map((n) => n.nodeId),
            ),
          )
          .orderBy(asc(keyTechnologies.priority), asc(keyTechnologies.name));
  return { nodes, technologies };
}

export async function loadRiskInput(
  q: Queryable,
  caseId: string,
  facts: ClassificationFacts,
  homeCountry: string,
  at: Date,
): Promise<RiskInput> {
  const { nodes, technologies } = await loadCaseKnowledge(q, caseId);
  const metrics = await loadNodeMetrics(
    q,
    nodes.map((n) => n.nodeId),
    homeCountry,
    at,
  );
  return {
    facts,
    nodes: nodes.map((n) => ({ ...n, metrics: metrics.get(n.nodeId) ?? null })),
    keyTechnologies: technologies,
    homeCountry,
  };
}

/**
 * The source paper's own examples (seed digest §2), each with its classification facts, the node
 * metrics (from an illustrative supplier list) and the key technology, and what the policy must
 * propose: the strategy and sub-strategy of the paper's table and a grade range.
 */
import type { RiskInput } from '../../policies/risk-policy.ts';
import type { RiskGrade, Strategy, SubStrategy } from '../../vocabulary/terms.ts';
import { node, spread, technology } from './risk-fixtures.ts';

export interface PaperExample {
  readonly name: string;
  readonly input: RiskInput;
  readonly strategy: Strategy;
  readonly subStrategy: SubStrategy;
  /** Lowest and highest acceptable grade. */
  readonly grades: readonly [RiskGrade, RiskGrade];
}

export const paperExamples: readonly PaperExample[] = [
  {
    name: 'aero engines: lock-in through the international division of labour',
    input: {
      facts: {
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN',
        capabilities: ['INNOVATION', 'MANUFACTURING'],
        maturity: 'MATURE',
        subject: 'SUPPLY_DISRUPTION',
      },
      nodes: [
        node('aero-engine', 'Commercial turbofan engines', [
          { share: 55, country: 'US' },
          { share: 25, country: 'GB' },
          { share: 20, country: 'US' },
        ]),
      ],
      keyTechnologies: [
        technology('aero-engine', 'High-bypass turbofan', {
          maturity: 'MATURE',
          generality: 4,
          strategicValue: 5,
          priority: 1,
          strategyClass: 'DOMESTIC_SUBSTITUTION',
        }),
      ],
    },
    strategy: 'GRADIENT_CULTIVATION',
    subStrategy: 'DOMESTIC_SUBSTITUTION',
    grades: ['HIGH', 'CRITICAL'],
  },
  {
    name: 'EDA software: weak basic research and original innovation',
    input: {
      facts: {
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'WEAK_BASIC_RESEARCH',
        capabilities: ['INNOVATION'],
        maturity: 'MATURE',
        subject: 'ACQUISITION',
      },
      nodes: [
        node('eda', 'EDA software', [
          { share: 45, country: 'US' },
          { share: 35, country: 'US' },
          { share: 10, country: 'DE' },
          { share: 10, country: 'CN' },
        ]),
      ],
      keyTechnologies: [
        technology('eda', 'Full-flow digital EDA toolchain', {
          maturity: 'MATURE',
          generality: 5,
          strategicValue: 5,
          priority: 1,
          strategyClass: 'DOMESTIC_SUBSTITUTION',
        }),
      ],
    },
    strategy: 'GRADIENT_CULTIVATION',
    subStrategy: 'DOMESTIC_SUBSTITUTION',
    grades: ['HIGH', 'CRITICAL'],
  },
  {
    name: 'semiconductor photoresist: uneconomical entry',
    input: {
      facts: {
        securityType: 'CAPABILITY_DEFICIT',
        keyDimension: 'UNECONOMICAL_ENTRY',
        capabilities: ['MANUFACTURING'],
        maturity: 'MATURE',
        subject: 'SUPPLY_DISRUPTION',
      },
      nodes: [
        node('photoresist', 'Photoresist', [
          { share: 38, country: 'JP' },
          { share: 32, country: 'JP' },
          { share: 18, country: 'JP' },
          { share: 12, country: 'CN' },
        ]),
      ],
      keyTechnologies: [
        technology('photoresist', 'ArF immersion photoresist', {
          maturity: 'MATURE',
          generality: 4,
          strategicValue: 5,
          priority: 1,
          strategyClass: 'ASYMMETRIC_ADVANTAGE',
        }),
      ],
    },
    strategy: 'GRADIENT_CULTIVATION',
    subStrategy: 'ASYMMETRIC_ADVANTAGE',
    grades: ['HIGH', 'CRITICAL'],
  },
  {
    name: 'a plant moving to Vietnam: industry transfer',
    input: {
      facts: {
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'INDUSTRY_TRANSFER',
        capabilities: ['MANUFACTURING'],
        maturity: 'MATURE',
        subject: 'RELOCATION',
      },
      nodes: [
        node('assembly', 'Consumer-electronics assembly', [
          { share: 40, country: 'CN' },
          { share: 25, country: 'CN' },
          { share: 20, country: 'VN' },
          { share: 15, country: 'CN' },
        ]),
      ],
      keyTechnologies: [],
    },
    strategy: 'DEFENCE',
    subStrategy: 'MOTHER_FACTORY',
    grades: ['LOW', 'MEDIUM'],
  },
  {
    name: '5G O-RAN: a technology-route switch by non-market forces',
    input: {
      facts: {
        securityType: 'CAPABILITY_DESTRUCTION',
        keyDimension: 'TECHNOLOGY_ROUTE_SWITCH',
        capabilities: ['INNOVATION'],
        maturity: 'EMERGING',
        subject: 'TECHNOLOGY_ROUTE',
      },
      nodes: [
        node('ran', '5G radio access network', [
          { share: 45, country: 'CN' },
          { share: 15, country: 'CN' },
          { share: 25, country: 'SE' },
          { share: 15, country: 'FI' },
        ]),
      ],
      keyTechnologies: [
        technology('ran', 'Open RAN fronthaul interfaces', {
          maturity: 'EMERGING',
          generality: 4,
          strategicValue: 5,
          priority: 1,
          strategyClass: 'LEADERSHIP',
        }),
      ],
    },
    strategy: 'DEFENCE',
    subStrategy: 'STANDARDS_LEADERSHIP',
    grades: ['HIGH', 'CRITICAL'],
  },
  {
    name: 'the chip shortage stopping car plants: support capacity cannot respond',
    input: {
      facts: {
        securityType: 'CAPABILITY_RESPONSE',
        keyDimension: 'SUPPORT_CAPACITY',
        capabilities: ['MANUFACTURING', 'SUPPORT'],
        maturity: 'MATURE',
        subject: 'DISRUPTION_EVENT',
      },
      nodes: [
        node('auto-mcu', 'Automotive microcontrollers', [
          { share: 30, country: 'NL' },
          { share: 25, country: 'DE' },
          { share: 20, country: 'JP' },
          { share: 15, country: 'CH' },
          { share: 10, country: 'US' },
        ]),
      ],
      keyTechnologies: [
        technology('auto-mcu', 'Automotive-grade MCU', {
          maturity: 'MATURE',
          generality: 4,
          strategicValue: 4,
          priority: 2,
          strategyClass: 'DOMESTIC_SUBSTITUTION',
        }),
      ],
    },
    strategy: 'RECONSTRUCTION',
    subStrategy: 'RESILIENCE',
    grades: ['MEDIUM', 'HIGH'],
  },
  {
    name: 'a fragmented management system: management lag',
    input: {
      facts: {
        securityType: 'CAPABILITY_RESPONSE',
        keyDimension: 'MANAGEMENT_SYSTEM',
        capabilities: ['REGULATORY'],
        maturity: 'MATURE',
        subject: 'DISRUPTION_EVENT',
      },
      nodes: [],
      keyTechnologies: [],
    },
    strategy: 'RECONSTRUCTION',
    subStrategy: 'MANAGEMENT_SYSTEM_REFORM',
    grades: ['LOW', 'MEDIUM'],
  },
];

/** Issue 7: a node 95% imported, spread over twelve suppliers in eight countries, of low generality. */
export const dependencyWithoutScarcity: RiskInput = {
  facts: {
    securityType: 'CAPABILITY_DEFICIT',
    keyDimension: 'DIVISION_OF_LABOUR_LOCK_IN',
    capabilities: ['MANUFACTURING'],
    maturity: 'MATURE',
  },
  nodes: [
    node('fasteners', 'Precision fasteners', [
      ...spread(12, 95, ['JP', 'DE', 'US', 'KR', 'TW', 'FR', 'IT', 'CH']),
      { share: 5, country: 'CN' },
    ]),
  ],
  keyTechnologies: [
    technology('fasteners', 'Aerospace fasteners', {
      maturity: 'MATURE',
      generality: 1,
      strategicValue: 5,
      priority: 3,
      strategyClass: 'ASYMMETRIC_ADVANTAGE',
    }),
  ],
};

/** The same node bought from two suppliers in one country, general-purpose and strategic. */
export const dependencyWithScarcity: RiskInput = {
  ...dependencyWithoutScarcity,
  nodes: [
    node('fasteners', 'Precision fasteners', [
      { share: 60, country: 'JP' },
      { share: 35, country: 'JP' },
      { share: 5, country: 'CN' },
    ]),
  ],
  keyTechnologies: [
    technology('fasteners', 'Aerospace fasteners', {
      maturity: 'MATURE',
      generality: 5,
      strategicValue: 5,
      priority: 3,
      strategyClass: 'ASYMMETRIC_ADVANTAGE',
    }),
  ],
};

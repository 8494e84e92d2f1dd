import { builder } from '../builder.ts';

export const IndustryChainRef = builder.drizzleNode('industryChains', {
  name: 'IndustryChain',
  description: 'An industry chain, e.g. integrated circuits 集成电路, split into a tree of nodes.',
  id: { column: (c) => c.id, description: 'Global ID of the chain.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Short stable code, e.g. IC.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the chain covers.' }),
    segments: t.relation('nodes', {
      description: 'The top-level segments of the chain (nodes without a parent).',
      query: { where: { parentId: { isNull: true } }, orderBy: { code: 'asc' } },
    }),
  }),
});

export const ChainNodeRef = builder.drizzleNode('chainNodes', {
  name: 'ChainNode',
  description: 'A segment or node of an industry chain, e.g. materials → photoresist.',
  id: { column: (n) => n.id, description: 'Global ID of the node.' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code, unique within the chain.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Name in Chinese.' }),
    depth: t.exposeInt('depth', { description: '1 for a segment, 2 and more for nodes below it.' }),
    chain: t.relation('chain', { description: 'The chain this node belongs to.' }),
    parent: t.relation('parent', { nullable: true, description: 'The node above this one; null for a segment.' }),
    children: t.relation('children', {
      description: 'The nodes directly below this one.',
      query: { orderBy: { code: 'asc' } },
    }),
  }),
});

builder.queryField('industryChains', (t) =>
  t.drizzleField({
    type: ['industryChains'],
    description: 'All industry chains in the knowledge base.',
    resolve: (query, _parent, _args, ctx) => ctx.db.query.industryChains.findMany(query({ orderBy: { code: 'asc' } })),
  }),
);

/**
 * Changes to industry chains and their nodes (design §6). Who may do which is in policies/ability.ts: office
 * case staff everything; administrators chains, nodes, suppliers and committees (never links);
 * firms the links they report; a committee's lead department its key technologies. Every change is
 * recorded on the administrative audit chain; updates check the version the caller read.
 */
import { addChainNode, createIndustryChain } from '../../domain/knowledge/build-knowledge-base.ts';
import { moveChainNode, updateChainNode, updateIndustryChain } from '../../domain/knowledge/maintain-knowledge-base.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { createOnce, decodeOptional, idempotencyKeyField, opt, runMutation } from '../mutation.ts';
import { mutationErrorTypes } from './errors.ts';

// ---- chains -------------------------------------------------------------------------------------

const CreateIndustryChainInput = builder.inputType('CreateIndustryChainInput', {
  description: 'A new industry chain.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short stable code, capital letters, digits, - or _.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the chain covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('createIndustryChain', (t) =>
  t.drizzleField({
    type: 'industryChains',
    description: 'Office case staff and administrators: adds an industry chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateIndustryChainInput, required: true, description: 'The chain.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        description: opt(input.description),
      };
      const id = await createOnce(ctx, 'createIndustryChain', input.idempotencyKey, request, (tx, actor) =>
        createIndustryChain(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.industryChains.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateIndustryChainInput = builder.inputType('UpdateIndustryChainInput', {
  description: 'New names or description of a chain; omitted fields stay, null clears an optional one.',
  fields: (t) => ({
    chainId: t.id({ required: true, description: 'Global ID of the chain.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the chain covers.' }),
  }),
});

builder.mutationField('updateIndustryChain', (t) =>
  t.drizzleField({
    type: 'industryChains',
    description: 'Office case staff and administrators: renames or describes a chain.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateIndustryChainInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateIndustryChain',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateIndustryChain(
            tx,
            ctx.actor!,
            {
              chainId: decodeId(input.chainId, 'IndustryChain', 'chainId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              description: input.description,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.industryChains.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- nodes --------------------------------------------------------------------------------------

const AddChainNodeInput = builder.inputType('AddChainNodeInput', {
  description: 'A new node: a segment of a chain, or a node under another node of the same chain.',
  fields: (t) => ({
    chainId: t.id({ required: true, description: 'Global ID of the chain.' }),
    parentId: t.id({ required: false, description: 'Global ID of the parent node; omit for a top-level segment.' }),
    code: t.string({ required: true, description: 'Code, unique within the chain.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the node covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('addChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: adds a node to a chain’s tree (its depth follows its parent).',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AddChainNodeInput, required: true, description: 'The node.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        chainId: decodeId(input.chainId, 'IndustryChain', 'chainId'),
        parentId: opt(decodeOptional(input.parentId, 'ChainNode', 'parentId')),
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        description: opt(input.description),
      };
      const id = await createOnce(ctx, 'addChainNode', input.idempotencyKey, request, (tx, actor) =>
        addChainNode(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateChainNodeInput = builder.inputType('UpdateChainNodeInput', {
  description: 'New code, names or description of a node; omitted fields stay, null clears an optional one.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    code: t.string({ required: false, description: 'Code, unique within the chain.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    description: t.string({ required: false, description: 'What the node covers.' }),
  }),
});

builder.mutationField('updateChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: renames or recodes a node.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateChainNodeInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateChainNode',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateChainNode(
            tx,
            ctx.actor!,
            {
              nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
              expectedVersion: input.expectedVersion,
              code: opt(input.code),
              name: opt(input.name),
              nameZh: input.nameZh,
              description: input.description,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

const MoveChainNodeInput = builder.inputType('MoveChainNodeInput', {
  description: 'Where a node (and everything below it) moves in its chain’s tree.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    newParentId: t.id({
      required: false,
      description:
        'Global ID of the new parent (same chain, not below the node); null or omitted: a top-level segment.',
    }),
  }),
});

builder.mutationField('moveChainNode', (t) =>
  t.drizzleField({
    type: 'chainNodes',
    description: 'Office case staff and administrators: moves a node in the tree; depths below it follow.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: MoveChainNodeInput, required: true, description: 'The move.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'moveChainNode',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          moveChainNode(
            tx,
            ctx.actor!,
            {
              nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
              expectedVersion: input.expectedVersion,
              newParentId: decodeOptional(input.newParentId, 'ChainNode', 'newParentId') ?? null,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.chainNodes.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

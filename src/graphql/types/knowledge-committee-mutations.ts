/**
 * Changes to industry committees and their key technology lists (design §6). Who may do which is in policies/ability.ts: office
 * case staff everything; administrators chains, nodes, suppliers and committees (never links);
 * firms the links they report; a committee's lead department its key technologies. Every change is
 * recorded on the administrative audit chain; updates check the version the caller read.
 */
import type { TechnologyMaturity, TechnologyStrategyClass } from '../../../vocabulary/terms.ts';
import { addKeyTechnology, createIndustryCommittee } from '../../domain/knowledge/build-knowledge-base.ts';
import {
  removeKeyTechnology,
  updateIndustryCommittee,
  updateKeyTechnology,
} from '../../domain/knowledge/maintain-knowledge-base.ts';
import { builder } from '../builder.ts';
import { decodeId } from '../global-id.ts';
import { createOnce, decodeOptional, idempotencyKeyField, opt, runMutation } from '../mutation.ts';
import { TechnologyMaturityEnum, TechnologyStrategyClassEnum } from './enums.ts';
import { mutationErrorTypes } from './errors.ts';
import { RemovedRef, RemoveInput } from './knowledge-supply-mutations.ts';

// ---- committees ---------------------------------------------------------------------------------

const CreateIndustryCommitteeInput = builder.inputType('CreateIndustryCommitteeInput', {
  description: 'A new industry committee.',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Short stable code.' }),
    name: t.string({ required: true, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    leadDepartmentId: t.id({ required: true, description: 'Global ID of the lead department.' }),
    chainId: t.id({ required: false, description: 'Global ID of the chain it covers.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('createIndustryCommittee', (t) =>
  t.drizzleField({
    type: 'industryCommittees',
    description: 'Office case staff and administrators: sets up an industry committee led by a department.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: CreateIndustryCommitteeInput, required: true, description: 'The committee.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        code: input.code,
        name: input.name,
        nameZh: opt(input.nameZh),
        leadDepartmentId: decodeId(input.leadDepartmentId, 'Organization', 'leadDepartmentId'),
        chainId: opt(decodeOptional(input.chainId, 'IndustryChain', 'chainId')),
      };
      const id = await createOnce(ctx, 'createIndustryCommittee', input.idempotencyKey, request, (tx, actor) =>
        createIndustryCommittee(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.industryCommittees.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateIndustryCommitteeInput = builder.inputType('UpdateIndustryCommitteeInput', {
  description: 'Changes to a committee; omitted fields stay, null clears the chain.',
  fields: (t) => ({
    committeeId: t.id({ required: true, description: 'Global ID of the committee.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    leadDepartmentId: t.id({ required: false, description: 'Global ID of the new lead department.' }),
    chainId: t.id({ required: false, description: 'Global ID of the chain it covers.' }),
  }),
});

builder.mutationField('updateIndustryCommittee', (t) =>
  t.drizzleField({
    type: 'industryCommittees',
    description: 'Office case staff and administrators: renames a committee or changes its lead department.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateIndustryCommitteeInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateIndustryCommittee',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateIndustryCommittee(
            tx,
            ctx.actor!,
            {
              committeeId: decodeId(input.committeeId, 'IndustryCommittee', 'committeeId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              leadDepartmentId: opt(decodeOptional(input.leadDepartmentId, 'Organization', 'leadDepartmentId')),
              chainId: decodeOptional(input.chainId, 'IndustryChain', 'chainId'),
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.industryCommittees.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

// ---- key technologies ---------------------------------------------------------------------------

const AddKeyTechnologyInput = builder.inputType('AddKeyTechnologyInput', {
  description: 'A key core technology on a node, on a committee’s list.',
  fields: (t) => ({
    nodeId: t.id({ required: true, description: 'Global ID of the node.' }),
    committeeId: t.id({ required: true, description: 'Global ID of the committee whose list it joins.' }),
    name: t.string({ required: true, description: 'Name in English (unique on the node).' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    maturity: t.field({ type: TechnologyMaturityEnum, required: true, description: 'Mature or emerging.' }),
    generality: t.int({ required: true, description: '1 (specialised) – 5 (general-purpose).' }),
    strategicValue: t.int({ required: true, description: 'Strategic value, 1 – 5.' }),
    priority: t.int({ required: true, description: 'Priority on the list, 1 the highest.' }),
    strategyClass: t.field({ type: TechnologyStrategyClassEnum, required: true, description: 'Strategy class.' }),
    idempotencyKey: t.string(idempotencyKeyField),
  }),
});

builder.mutationField('addKeyTechnology', (t) =>
  t.drizzleField({
    type: 'keyTechnologies',
    description: 'Liaisons of the committee’s lead department, and office case staff: lists a key technology.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: AddKeyTechnologyInput, required: true, description: 'The technology.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const request = {
        nodeId: decodeId(input.nodeId, 'ChainNode', 'nodeId'),
        committeeId: decodeId(input.committeeId, 'IndustryCommittee', 'committeeId'),
        name: input.name,
        nameZh: opt(input.nameZh),
        maturity: input.maturity as TechnologyMaturity,
        generality: input.generality,
        strategicValue: input.strategicValue,
        priority: input.priority,
        strategyClass: input.strategyClass as TechnologyStrategyClass,
      };
      const id = await createOnce(ctx, 'addKeyTechnology', input.idempotencyKey, request, (tx, actor) =>
        addKeyTechnology(tx, actor, request, ctx.now),
      );
      return (await ctx.db.query.keyTechnologies.findFirst(query({ where: { id } })))!;
    },
  }),
);

const UpdateKeyTechnologyInput = builder.inputType('UpdateKeyTechnologyInput', {
  description: 'New attributes of a key technology; omitted fields stay.',
  fields: (t) => ({
    keyTechnologyId: t.id({ required: true, description: 'Global ID of the key technology.' }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a newer one is a StaleVersion.' }),
    name: t.string({ required: false, description: 'Name in English.' }),
    nameZh: t.string({ required: false, description: 'Name in Chinese.' }),
    maturity: t.field({ type: TechnologyMaturityEnum, required: false, description: 'Mature or emerging.' }),
    generality: t.int({ required: false, description: '1 (specialised) – 5 (general-purpose).' }),
    strategicValue: t.int({ required: false, description: 'Strategic value, 1 – 5.' }),
    priority: t.int({ required: false, description: 'Priority on the list, 1 the highest.' }),
    strategyClass: t.field({ type: TechnologyStrategyClassEnum, required: false, description: 'Strategy class.' }),
  }),
});

builder.mutationField('updateKeyTechnology', (t) =>
  t.drizzleField({
    type: 'keyTechnologies',
    description: 'Liaisons of the committee’s lead department, and office case staff: changes a key technology.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: UpdateKeyTechnologyInput, required: true, description: 'The change.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'updateKeyTechnology',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          updateKeyTechnology(
            tx,
            ctx.actor!,
            {
              keyTechnologyId: decodeId(input.keyTechnologyId, 'KeyTechnology', 'keyTechnologyId'),
              expectedVersion: input.expectedVersion,
              name: opt(input.name),
              nameZh: input.nameZh,
              maturity: opt(input.maturity) as TechnologyMaturity | undefined,
              generality: opt(input.generality),
              strategicValue: opt(input.strategicValue),
              priority: opt(input.priority),
              strategyClass: opt(input.strategyClass) as TechnologyStrategyClass | undefined,
            },
            ctx.now,
          ),
      );
      return (await ctx.db.query.keyTechnologies.findFirst(query({ where: { id: row.id } })))!;
    },
  }),
);

builder.mutationField('removeKeyTechnology', (t) =>
  t.field({
    type: RemovedRef,
    description: 'Liaisons of the committee’s lead department, and office case staff: takes a technology off the list.',
    errors: { types: mutationErrorTypes },
    args: { input: t.arg({ type: RemoveInput, required: true, description: 'The key technology.' }) },
    resolve: async (_root, { input }, ctx) => {
      const row = await runMutation(
        ctx,
        {
          operation: 'removeKeyTechnology',
          idempotency: 'none',
          why: 'a versioned edit: a retry is answered by StaleVersion',
        },
        (tx) =>
          removeKeyTechnology(
            tx,
            ctx.actor!,
            { keyTechnologyId: decodeId(input.id, 'KeyTechnology', 'id'), expectedVersion: input.expectedVersion },
            ctx.now,
          ),
      );
      return { typename: 'KeyTechnology', id: row.id };
    },
  }),
);

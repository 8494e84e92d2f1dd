/**
 * Labels of the taxonomy in English and Chinese (issue 7 §7), from vocabulary/labels.ts,
 * so a client can show either language without its own copy of the terms.
 */
import { labelsOf, type TaxonomyName, taxonomyNames } from '../../../vocabulary/labels.ts';
import { builder } from '../builder.ts';

const TaxonomyEnum = builder.enumType('Taxonomy', {
  description: 'An enum of the domain whose values carry labels in both languages.',
  values: taxonomyNames,
});

const TaxonomyLabelRef = builder.objectRef<ReturnType<typeof labelsOf>[number]>('TaxonomyLabel').implement({
  description: 'One value of an enum with its English and Chinese label and a one-line description.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value exactly as the API’s enum spells it.' }),
    labelEn: t.exposeString('en', { description: 'English label.' }),
    labelZh: t.exposeString('zh', { description: 'Chinese label (the source paper’s term where it has one).' }),
    description: t.exposeString('description', { description: 'What the value means, in one line (English).' }),
    belongsTo: t.exposeString('parent', {
      nullable: true,
      description:
        'Where the value sits in the paper’s table: a key dimension’s security type, a sub-strategy’s strategy, ' +
        'a security type’s strategy; null otherwise.',
    }),
  }),
});

builder.queryField('taxonomyLabels', (t) =>
  t.field({
    type: [TaxonomyLabelRef],
    description: 'The labelled values of one enum, in the enum’s order.',
    args: {
      taxonomy: t.arg({ type: TaxonomyEnum, required: true, description: 'Which enum.' }),
    },
    resolve: (_root, { taxonomy }) => labelsOf(taxonomy as TaxonomyName),
  }),
);

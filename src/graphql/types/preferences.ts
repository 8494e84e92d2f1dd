/** The viewer's own console preferences: the language, remembered per person. */
import { preferredLocale, setPreferredLocale } from '../../domain/preferences/preferred-locale.ts';
import { builder } from '../builder.ts';
import { mutationErrorTypes } from './errors.ts';
import { ViewerRef } from './viewer.ts';

const LocaleEnum = builder.enumType('Locale', {
  description: 'A language the console speaks.',
  values: {
    ZH_CN: { value: 'zh-CN', description: 'Simplified Chinese (zh-CN).' },
    EN: { value: 'en', description: 'English.' },
  } as const,
});

builder.objectField(ViewerRef, 'preferredLocale', (t) =>
  t.field({
    type: LocaleEnum,
    nullable: true,
    description: 'The language the person chose for the console; null until they choose (the browser’s applies).',
    resolve: (viewer, _args, ctx) => (viewer.kind === 'PERSON' ? preferredLocale(ctx.db, viewer.personId) : null),
  }),
);

const PreferredLocaleSetRef = builder.objectRef<{ locale: 'zh-CN' | 'en' }>('PreferredLocaleSet').implement({
  description: 'The console’s language is remembered for the signed-in person.',
  fields: (t) => ({
    locale: t.field({ type: LocaleEnum, description: 'The language now remembered.', resolve: (p) => p.locale }),
  }),
});

builder.mutationField('setPreferredLocale', (t) =>
  t.field({
    type: PreferredLocaleSetRef,
    description: 'Remembers the signed-in person’s console language (people only; service accounts have none).',
    errors: { types: mutationErrorTypes },
    args: { locale: t.arg({ type: LocaleEnum, required: true, description: 'The language.' }) },
    resolve: async (_root, { locale }, ctx) => ({
      locale: await setPreferredLocale(ctx.db, ctx.actor!, locale, ctx.now),
    }),
  }),
);

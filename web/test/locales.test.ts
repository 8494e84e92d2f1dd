/** Every string of the console exists in both languages, with the same placeholders. */
import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';

const flatten = (tree: object, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the console’s strings', () => {
  const english = flatten(en);
  const chinese = flatten(zhCN);

  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
  });

  it('keep the same placeholders in both languages, and no empty string', () => {
    for (const [key, text] of Object.entries(english)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(chinese[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('are Chinese in zh-CN', () => {
    const han = /\p{Script=Han}/u;
    const untranslated = Object.entries(chinese).filter(([, text]) => !han.test(text));
    expect(untranslated).toEqual([]);
  });
});

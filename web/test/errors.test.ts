/** One error presenter: typed API errors and transport failures worded in the person's language. */
import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { describeCombinedError, describeTypedError, typedErrorOf } from '../src/errors/describe.ts';
import { i18n } from '../src/i18n/i18n.ts';

const t = (language: string) => i18n.getFixedT(language);

describe('the error presenter', () => {
  it('names each refused field in the person’s language with the API’s reason', () => {
    const error = {
      __typename: 'ValidationError',
      message: 'input is invalid',
      fieldErrors: [{ field: 'input.overrideReason', message: 'required when the grade differs from the policy' }],
    };
    expect(describeTypedError(t('en'), error)).toEqual({
      title: 'Some values were refused:',
      details: ['Why you override the policy: required when the grade differs from the policy'],
      retryable: false,
    });
    expect(describeTypedError(t('zh-CN'), error).details).toEqual([
      '偏离政策建议的理由: required when the grade differs from the policy',
    ]);
  });

  it('says a stale version and a refused transition in words', () => {
    expect(
      describeTypedError(t('zh-CN'), { __typename: 'StaleVersion', message: 'stale', currentVersion: 4 }).title,
    ).toBe('其他人已修改此内容。');
    expect(
      describeTypedError(t('en'), {
        __typename: 'InvalidTransition',
        message: 'the case has no confirmed risk grade',
        currentState: 'SCREENING',
        event: 'START_REVIEW',
        allowedEvents: [],
      }),
    ).toEqual({
      title: 'This action is not possible in the case’s current state.',
      details: ['the case has no confirmed risk grade'],
      retryable: false,
    });
  });

  it('tells the payload from a typed error', () => {
    expect(typedErrorOf({ __typename: 'CaseClassified' })).toBeNull();
    expect(typedErrorOf({ __typename: 'Forbidden' })).not.toBeNull();
    expect(typedErrorOf(null)).toBeNull();
  });

  it('offers a retry for the network and the server, not for an ended session', () => {
    const network = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(describeCombinedError(t('en'), network)).toMatchObject({ retryable: true });
    expect(describeCombinedError(t('en'), network).title).toMatch(/cannot be reached/);
    const ended = new CombinedError({
      graphQLErrors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(describeCombinedError(t('zh-CN'), ended)).toEqual({
      title: '会话已结束，请重新登录。',
      details: [],
      retryable: false,
    });
  });
});

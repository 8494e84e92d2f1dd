/**
 * The people of the journeys, as page objects: each step is named in the domain's words and finds
 * the console's controls by what a person reads on screen, in the person's language (our strings
 * from web/locales, the domain's labels from the same tables the API serves).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/seed/demo-data.ts';
import type { Label } from '../../../vocabulary/label.ts';
import { type TaxonomyName, taxonomyLabels } from '../../../vocabulary/labels.ts';
import { caseEventLabels, clockPhaseLabels, processLabels } from '../../../vocabulary/process-labels.ts';
import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import { expectAccessible } from './a11y.ts';
import { unusedOneTimeCode } from './one-time-code.ts';

export type Language = 'en' | 'zh-CN';
const strings = { en, 'zh-CN': zhCN } as const;

export class Person {
  constructor(
    readonly page: Page,
    readonly language: Language,
  ) {}

  /** Our own string, as web/locales words it (plural keys take `_other`). */
  t(key: string, count?: number): string {
    let node: unknown = strings[this.language];
    const parts = key.split('.');
    for (const [i, part] of parts.entries()) {
      const table = node as Record<string, unknown>;
      node = i === parts.length - 1 && count !== undefined ? (table[`${part}_other`] ?? table[part]) : table[part];
    }
    if (typeof node !== 'string') throw new Error(`no string ${key}`);
    return count === undefined ? node : node.replace('{{count}}', String(count));
  }

  /** A domain label as the API serves it. */
  label(taxonomy: TaxonomyName, value: string): string {
    const row = (taxonomyLabels[taxonomy].labels as Record<string, Label>)[value];
    if (!row) throw new Error(`no label ${taxonomy}.${value}`);
    return this.language === 'zh-CN' ? row.zh : row.en;
  }

  /** A label of the process vocabulary (consultation and assessment states, opinions…) as the API serves it. */
  processLabel(name: keyof typeof processLabels, value: string): string {
    const row = (processLabels[name].labels as Record<string, { en: string; zh: string }>)[value];
    if (!row) throw new Error(`no label ${name}.${value}`);
    return this.language === 'zh-CN' ? row.zh : row.en;
  }

  event(event: keyof typeof caseEventLabels): string {
    return this.language === 'zh-CN' ? caseEventLabels[event].zh : caseEventLabels[event].en;
  }

  phase(phase: keyof typeof clockPhaseLabels): string {
    return this.language === 'zh-CN' ? clockPhaseLabels[phase].zh : clockPhaseLabels[phase].en;
  }

  field(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  /** Opens the Ant Design select labelled `name` inside `scope` (a form) and picks each option. */
  async choose(scope: Locator, name: string, ...options: string[]): Promise<void> {
    for (const option of options) {
      await scope.getByLabel(name, { exact: true }).click();
      await this.page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: new RegExp(`^${escapeRegExp(option)}$`) })
        .first()
        .click();
    }
    await this.page.keyboard.press('Escape');
  }

  /** `keepLanguage`: leave the console in the person's remembered language (what a test of that reads). */
  async signIn(email: string, options: { totp?: boolean; keepLanguage?: boolean } = {}): Promise<void> {
    await this.page.goto('/');
    await this.field(this.t('fields.email')).fill(email);
    await this.field(this.t('fields.password')).fill(DEMO_PASSWORD);
    await this.page.getByRole('button', { name: this.t('signIn.submit'), exact: true }).click();
    if (options.totp) {
      const code = this.field(this.t('fields.totpCode'));
      await code.waitFor();
      await code.fill(await unusedOneTimeCode(email));
      await this.page.getByRole('button', { name: this.t('signIn.submit'), exact: true }).click();
    }
    await this.page.getByTestId('person-menu').waitFor();
    // The console opens in the language the person chose last (remembered per person, and another
    // journey may have changed it): switch to the one this journey reads.
    if (!options.keepLanguage) {
      await this.page.getByText(this.language === 'zh-CN' ? '中文' : 'English', { exact: true }).click();
      await this.page.waitForFunction((lang) => document.documentElement.lang === lang, this.language);
    }
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('person-menu').click();
    await this.page.getByRole('menuitem', { name: this.t('header.signOut') }).click();
    await this.page.getByRole('button', { name: this.t('signIn.submit'), exact: true }).waitFor();
  }

  async checkAccessibility(what: string): Promise<void> {
    await expectAccessible(this.page, `${what} (${this.language})`);
  }

  caseState(): Locator {
    return this.page.getByTestId('case-state');
  }

  async expectCaseState(state: string): Promise<void> {
    await expect.poll(() => this.caseState().textContent(), { timeout: 15_000 }).toBe(this.label('CASE_STATE', state));
  }

  async openTab(key: string): Promise<void> {
    await this.page.getByRole('tab', { name: this.t(`case.tabs.${key}`), exact: true }).click();
  }

  /** Sends a case event from the action bar, with written reasons when given. */
  async act(event: keyof typeof caseEventLabels, reason?: string): Promise<void> {
    await this.page
      .getByRole('toolbar')
      .getByRole('button', { name: this.event(event), exact: true })
      .click();
    const dialog = this.page.getByRole('dialog');
    if (reason) await dialog.getByLabel(this.t('fields.reason')).fill(reason);
    await dialog.getByRole('button', { name: this.t('case.confirmAction'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class CaseOfficer extends Person {
  /** The queue filtered as a person would, through the form; the filter ends up in the URL. */
  async filterQueue(filter: { states?: string[]; text?: string }): Promise<void> {
    if (filter.text) await this.field(this.t('queue.search')).fill(filter.text);
    if (filter.states)
      await this.choose(
        this.page.locator('form#queue'),
        this.t('queue.state'),
        ...filter.states.map((s) => this.label('CASE_STATE', s)),
      );
    await this.page.getByRole('button', { name: this.t('queue.apply'), exact: true }).click();
  }

  queueRow(reference: string): Locator {
    return this.page.locator('.queue-table tbody tr').filter({ hasText: reference });
  }

  async openCase(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: reference }).click();
    await this.page.getByTestId('case-reference').filter({ hasText: reference }).waitFor();
  }

  async classify(input: { reason: string; overrideGrade?: string; overrideReason?: string }): Promise<void> {
    await this.openTab('classification');
    const form = this.page.locator('form#classify');
    await form.getByLabel(this.t('fields.reason')).fill(input.reason);
    if (input.overrideGrade) {
      await form.getByText(this.t('classification.override')).click();
      await this.choose(form, this.t('fields.riskGrade'), this.label('RISK_GRADE', input.overrideGrade));
      await form.getByLabel(this.t('fields.overrideReason')).fill(input.overrideReason ?? '');
    }
    await form.getByRole('button', { name: this.t('classification.classify'), exact: true }).click();
    await this.page.getByTestId('risk-result').waitFor();
  }

  async requestConsultations(departments: string[], question: string): Promise<void> {
    await this.openTab('consultations');
    await this.choose(this.page.locator('form#consult'), this.t('consultations.departments'), ...departments);
    await this.page.locator('form#consult').getByLabel(this.t('consultations.question')).fill(question);
    await this.page.getByRole('button', { name: this.t('consultations.send'), exact: true }).click();
    await expect
      .poll(() => this.page.locator('.tab-body:visible table').first().locator('tbody tr.ant-table-row').count(), {
        timeout: 15_000,
      })
      .toBe(departments.length);
  }

  async proposeDecision(input: { outcome: string; reasons: string; noticeText: string; openWorkReason?: string }) {
    await this.page
      .getByRole('toolbar')
      .getByRole('button', { name: this.event('PROPOSE_DECISION'), exact: true })
      .click();
    const form = this.page.locator('form#propose');
    await this.choose(form, this.t('fields.outcome'), this.label('DECISION_OUTCOME', input.outcome));
    await form.getByLabel(this.t('fields.reasons')).fill(input.reasons);
    await form.getByLabel(this.t('fields.noticeText')).fill(input.noticeText);
    if (input.openWorkReason) await form.getByLabel(this.t('fields.openWorkReason')).fill(input.openWorkReason);
    await form.getByRole('button', { name: this.t('decision.submit'), exact: true }).click();
    await this.expectCaseState('DECISION_PROPOSED');
  }
}

export class LeadReviewer extends Person {
  async openWaitingDecision(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: this.t('menu.approvals'), exact: true }).click();
    const waiting = this.page.getByTestId('waiting-approval');
    await waiting.getByRole('link', { name: new RegExp(escapeRegExp(reference)) }).waitFor();
    await this.checkAccessibility('waiting on me');
    await waiting.getByRole('link', { name: new RegExp(escapeRegExp(reference)) }).click();
    await this.page.getByTestId('case-reference').waitFor();
  }
}

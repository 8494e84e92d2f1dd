/**
 * The people outside the review office, as page objects: a department's liaison, an institute's
 * assessor, a firm's representative. Steps are named in the domain's words and find controls by
 * what the person reads on screen, in their language.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { Person } from './people.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class OutsideParty extends Person {
  /** The menu holds only this role's pages; any other URL answers like a missing page. */
  async expectNotFound(path: string): Promise<void> {
    await this.page.goto(path);
    await this.page.getByText(this.t('notFound.title'), { exact: true }).waitFor();
  }

  /** Picks options of the select labelled `name` inside a dialog's form (Escape would close the dialog). */
  async pick(scope: Locator, name: string, ...options: string[]): Promise<void> {
    const field = scope.getByLabel(name, { exact: true });
    // The select around the labelled input, where the chosen values show.
    const select = field.locator(
      'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
    );
    for (const option of options) {
      // On a loaded machine a click can land while another select's list is still closing: check
      // that the value shows in the field, and pick again when it does not.
      for (let attempt = 1; ; attempt++) {
        await field.click();
        await this.page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
          .filter({ hasText: new RegExp(`^${escapeRegExp(option)}$`) })
          .first()
          .click();
        const shown = await expect
          .poll(async () => (await select.textContent({ timeout: 5_000 })) ?? '', { timeout: 5_000 })
          .toContain(option)
          .then(
            () => true,
            () => false,
          );
        if (shown) break;
        if (attempt === 3) throw new Error(`${name}: "${option}" was not selected after 3 tries`);
        await this.page.getByRole('dialog').locator('.ant-modal-title').click();
      }
    }
    // Away from the select, onto the dialog's title, so that a multiple select's list closes too.
    await this.page.getByRole('dialog').locator('.ant-modal-title').click();
  }

  async openFromList(list: Locator, reference: string): Promise<void> {
    await list.getByRole('link', { name: new RegExp(escapeRegExp(reference)) }).click();
    await this.page.getByTestId('case-reference').filter({ hasText: reference }).waitFor();
  }

  async openCaseTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }
}

export class Liaison extends OutsideParty {
  consultationsToAnswer(): Locator {
    return this.page.getByTestId('consultations-open');
  }

  async openConsultation(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: this.t('menu.consultations'), exact: true }).click();
    await this.consultationsToAnswer()
      .getByRole('link', { name: new RegExp(escapeRegExp(reference)) })
      .waitFor();
    await this.checkAccessibility('consultations to answer');
    await this.openFromList(this.consultationsToAnswer(), reference);
  }

  async giveOpinion(opinion: string, rationale: string): Promise<void> {
    const form = this.page.locator('form#opinion');
    await this.choose(form, this.t('fields.opinion'), this.processLabel('CONSULTATION_OPINION', opinion));
    await form.getByLabel(this.t('fields.rationale')).fill(rationale);
    await form.getByRole('button', { name: this.t('liaison.submitOpinion'), exact: true }).click();
    await expect
      .poll(() => this.page.getByTestId('own-consultation-state').textContent(), { timeout: 15_000 })
      .toBe(this.processLabel('CONSULTATION_STATE', 'RESPONDED'));
  }
}

export class Assessor extends OutsideParty {
  async openAssessment(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: this.t('menu.assessments'), exact: true }).click();
    const list = this.page.getByTestId('assessments-mine');
    await list.getByRole('link', { name: new RegExp(escapeRegExp(reference)) }).waitFor();
    await this.openFromList(list, reference);
  }

  async declare(conflict: boolean, statement: string): Promise<void> {
    const form = this.page.locator('form#declare');
    await form.getByLabel(this.t(conflict ? 'assessor.hasConflict' : 'assessor.noConflict')).check();
    await form.getByLabel(this.t('fields.statement')).fill(statement);
    await form.getByRole('button', { name: this.t('assessor.declare'), exact: true }).click();
  }

  async expectNextStep(step: string): Promise<void> {
    await expect
      .poll(() => this.page.getByTestId('assessment-next').textContent(), { timeout: 15_000 })
      .toBe(this.t(`assessor.next.${step}`));
  }

  async accept(): Promise<void> {
    await this.page.getByRole('button', { name: this.t('assessor.accept'), exact: true }).click();
    await this.expectNextStep('report');
  }

  async submitReport(input: {
    scores: Record<string, number>;
    strategy: string;
    subStrategy: string;
    report: string;
    button: 'assessor.submit' | 'assessor.resubmit';
  }): Promise<void> {
    const form = this.page.locator('form#evaluation');
    for (const [capability, score] of Object.entries(input.scores)) {
      await form.getByLabel(this.label('CAPABILITY', capability), { exact: true }).fill(String(score));
    }
    await this.choose(form, this.t('fields.strategy'), this.label('STRATEGY', input.strategy));
    await this.choose(form, this.t('fields.subStrategy'), this.label('SUB_STRATEGY', input.subStrategy));
    await form.getByLabel(this.t('fields.report')).fill(input.report);
    await form.getByRole('button', { name: this.t(input.button), exact: true }).click();
    await this.expectNextStep('awaitOffice');
  }
}

export class FirmRepresentative extends OutsideParty {
  /** Every answer the API sends this person's browser, to check what it never contains. */
  readonly received: string[] = [];

  recordNetwork(): void {
    this.page.on('response', (response) => {
      if (!response.url().includes('/graphql')) return;
      void response.text().then(
        (body) => this.received.push(body),
        () => {},
      );
    });
  }

  async fileDraft(input: { title: string; subject: string; node: string; summary: string }): Promise<void> {
    await this.page.getByRole('button', { name: this.t('firm.newFiling'), exact: true }).click();
    const form = this.page.locator('form#filing');
    await form.getByLabel(this.t('fields.title')).fill(input.title);
    await this.choose(form, this.t('case.subject'), this.label('CASE_SUBJECT', input.subject));
    await this.checkAccessibility('the filing wizard');
    await this.page.getByRole('button', { name: this.t('filing.next'), exact: true }).click();
    await this.page.getByRole('button', { name: this.t('filing.next'), exact: true }).click();
    await form.getByLabel(this.t('case.chainNodes'), { exact: true }).click();
    await this.page.keyboard.type(input.node);
    await this.page
      .locator('.ant-select-tree-node-content-wrapper')
      .filter({ hasText: new RegExp(`^${escapeRegExp(input.node)}$`) })
      .first()
      .click();
    await this.page.keyboard.press('Escape');
    await this.page.getByRole('button', { name: this.t('filing.next'), exact: true }).click();
    await form.getByLabel(this.t('case.summary')).fill(input.summary);
    await this.page.getByRole('button', { name: this.t('filing.saveDraft'), exact: true }).click();
    await this.page.getByTestId('firm-filing').waitFor();
  }

  nextStep(): Locator {
    return this.page.getByTestId('firm-next');
  }

  async expectNext(state: string): Promise<void> {
    await expect.poll(() => this.nextStep().textContent(), { timeout: 15_000 }).toBe(this.t(`firm.next.${state}`));
  }

  /** Fills and sends one of the firm's answer forms; it goes away once answered, unless it `stays` (compliance). */
  async answer(formName: string, label: string, text: string, button: string, stays = false): Promise<void> {
    const form = this.page.locator(`form[id^="${formName}"]`).first();
    await form.getByLabel(label).fill(text);
    await form.getByRole('button', { name: button, exact: true }).click();
    if (stays) await this.page.locator('.ant-message').getByText(this.t('case.saved')).waitFor();
    else await form.waitFor({ state: 'detached', timeout: 15_000 });
  }
}

export class PanelMember extends OutsideParty {
  async openAppeal(reference: string): Promise<void> {
    const list = this.page.getByTestId('appeals-waiting');
    await list.getByRole('link', { name: new RegExp(escapeRegExp(reference)) }).waitFor();
    await this.checkAccessibility('appeals waiting');
    await this.openFromList(list, reference);
  }

  async expectAppealState(state: string): Promise<void> {
    await expect
      .poll(() => this.page.getByTestId('appeal-state').textContent(), { timeout: 15_000 })
      .toBe(this.processLabel('APPEAL_STATE', state));
  }

  async admit(colleague: string, reasons: string): Promise<void> {
    const form = this.page.locator('form#admissibility');
    await this.choose(form, this.t('panel.members'), colleague);
    await form.getByLabel(this.t('panel.reasons')).fill(reasons);
    await form.getByRole('button', { name: this.t('panel.admit'), exact: true }).click();
    await this.expectAppealState('ADMITTED');
  }

  async vary(input: {
    reasons: string;
    outcome: string;
    decisionReasons: string;
    notice: string;
    condition: string;
    owner: string;
  }) {
    const form = this.page.locator('form#ruling');
    await form.getByText(this.processLabel('APPEAL_STATE', 'VARIED'), { exact: false }).first().click();
    await form.getByLabel(this.t('panel.reasons')).fill(input.reasons);
    await this.choose(form, this.t('fields.outcome'), this.label('DECISION_OUTCOME', input.outcome));
    await form.getByLabel(this.t('fields.reasons'), { exact: true }).fill(input.decisionReasons);
    await form.getByLabel(this.t('fields.noticeText')).fill(input.notice);
    await form.getByRole('button', { name: this.t('decision.addCondition'), exact: true }).click();
    await form.getByLabel(this.t('panel.condition').replace('{{n}}', '1'), { exact: true }).fill(input.condition);
    await this.choose(form, this.t('panel.conditionOwner').replace('{{n}}', '1'), input.owner);
    await form.getByRole('button', { name: this.t('panel.decide'), exact: true }).click();
    await this.expectAppealState('VARIED');
  }
}

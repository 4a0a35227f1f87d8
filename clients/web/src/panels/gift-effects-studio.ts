import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import { choiceFor, describeFilter, effectChoices, mappingProblem, maxEffectSeconds, minEffectSeconds, upsertEffect } from '../core/effect-logic';
import type { RoomSession } from '../core/room-session';
import type { Gift, GiftEffect, GiftEffectsEvent } from '../core/types';

/**
 * The studio's gift effects: pick a gift, pick an effect and its seconds, preview it on the live video
 * (PreviewGiftEffect: the server draws it, so the preview is exactly what viewers get), add it to the list and save the
 * list (SetGiftEffects). The list shown is the room's: from the join snapshot, then every `gift_effects` event.
 */
export class GiftEffectsStudio {
  private readonly gift: HTMLSelectElement;
  private readonly effect: HTMLSelectElement;
  private readonly seconds: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLParagraphElement;
  private readonly error: HTMLParagraphElement;
  private gifts: Gift[] = [];
  private saved: GiftEffect[] = [];
  private draft: GiftEffect[] = [];

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.gift = el('select', { attrs: { 'aria-label': 'Gift', 'data-testid': 'effect-gift' } });
    this.effect = el('select', { attrs: { 'aria-label': 'Effect', 'data-testid': 'effect-filter' } },
      ...effectChoices.map(c => el('option', { text: c.label, attrs: { value: c.id } })));
    this.seconds = el('input', { attrs: { type: 'number', min: String(minEffectSeconds), max: String(maxEffectSeconds), value: '5', 'aria-label': 'Seconds', 'data-testid': 'effect-seconds' } });
    const preview = el('button', { className: 'button', text: 'Preview', attrs: { type: 'button', 'data-testid': 'effect-preview' } });
    const add = el('button', { className: 'button', text: 'Add', attrs: { type: 'button', 'data-testid': 'effect-add' } });
    const save = el('button', { className: 'button primary', text: 'Save effects', attrs: { type: 'button', 'data-testid': 'effect-save' } });
    this.list = el('ul', { className: 'effect-list', attrs: { 'data-testid': 'effect-list' } });
    this.status = el('p', { className: 'muted', attrs: { 'data-testid': 'effect-status' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert', 'data-testid': 'effect-error' } });
    this.error.hidden = true;
    host.append(
      el('div', { className: 'effect-picker' }, this.gift, this.effect, el('label', { className: 'effect-seconds' }, this.seconds, ' s'), preview, add),
      this.list, el('div', { className: 'row' }, save), this.status, this.error);

    preview.addEventListener('click', () => void this.run(() => this.session.invoke<void>('PreviewGiftEffect', this.current()), 'Previewing on your video'));
    add.addEventListener('click', () => {
      this.draft = upsertEffect(this.draft, this.current());
      this.render();
    });
    save.addEventListener('click', () => {
      const problem = mappingProblem(this.draft);
      if (problem) return this.fail(problem);
      void this.run(() => this.session.invoke<void>('SetGiftEffects', this.draft), 'Saved');
    });
    session.onSnapshot(snapshot => this.load(snapshot.giftEffects ?? []));
    session.on('gift_effects', e => this.load((e as GiftEffectsEvent).effects));
    void api.gifts().then(gifts => {
      this.gifts = gifts;
      this.gift.replaceChildren(...gifts.map(g => el('option', { text: `${g.name} (${g.coins})`, attrs: { value: g.id } })));
      this.render();
    }, error => this.fail(errorMessage(error)));
  }

  private current(): GiftEffect {
    const choice = effectChoices.find(c => c.id === this.effect.value) ?? effectChoices[0]!;
    return { giftId: this.gift.value, filter: choice.filter, seconds: Number(this.seconds.value) };
  }

  private load(effects: GiftEffect[]): void {
    this.saved = effects;
    this.draft = [...effects];
    this.render();
  }

  private render(): void {
    const name = (id: string) => this.gifts.find(g => g.id === id)?.name ?? id;
    this.list.replaceChildren(...this.draft.map(e => {
      const remove = el('button', { className: 'button small', text: 'Remove', attrs: { type: 'button', 'aria-label': `Remove ${name(e.giftId)}` } });
      remove.addEventListener('click', () => {
        this.draft = this.draft.filter(d => d.giftId !== e.giftId);
        this.render();
      });
      const choice = choiceFor(e.filter);
      const label = choice ? effectChoices.find(c => c.id === choice)!.label : describeFilter(e.filter);
      return el('li', { className: 'effect-row', attrs: { 'data-gift': e.giftId } },
        el('span', { className: 'effect-gift', text: name(e.giftId) }), ' → ', el('span', { text: label }), ` · ${e.seconds}s `, remove);
    }));
    this.list.dataset.empty = String(this.draft.length === 0);
    const unsaved = JSON.stringify(this.draft) !== JSON.stringify(this.saved);
    this.status.textContent = this.draft.length === 0 ? 'No gift effects yet' : unsaved ? 'Not saved yet' : `${this.draft.length} saved`;
  }

  private async run(action: () => Promise<void>, done: string): Promise<void> {
    try {
      await action();
      this.error.hidden = true;
      this.status.textContent = done;
    } catch (error) {
      this.fail(errorMessage(error));
    }
  }

  private fail(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}

import { el } from '../core/dom';
import { effectLine } from '../core/effect-logic';
import type { RoomSession } from '../core/room-session';
import type { EffectEvent } from '../core/types';

/**
 * Who triggered which face effect: one line per `effect` event over the video (the effect itself is drawn by the server
 * into the video; this only names it), the newest three kept.
 */
export class EffectTicker {
  private readonly list: HTMLUListElement;

  constructor(host: HTMLElement, session: RoomSession) {
    this.list = el('ul', { className: 'effect-ticker', attrs: { 'aria-live': 'polite', 'data-testid': 'effect-ticker' } });
    host.append(this.list);
    session.on('effect', e => this.add(e as EffectEvent));
  }

  private add(e: EffectEvent): void {
    // A combo's repeats update its line instead of adding one per gift.
    const existing = [...this.list.children].find(li => (li as HTMLElement).dataset.combo === e.comboId);
    const line = el('li', { className: 'effect-line', text: effectLine(e), attrs: { 'data-combo': e.comboId } });
    if (existing) existing.replaceWith(line);
    else this.list.prepend(line);
    while (this.list.children.length > 3) this.list.lastElementChild!.remove();
  }
}

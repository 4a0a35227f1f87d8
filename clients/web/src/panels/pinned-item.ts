import { errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { PinnedEvent, PinnedItem as Pinned } from '../core/types';

/** The room's pinned item (an answered question or a pinned comment): snapshot, then `pinned` / `unpinned`. Staff can unpin. */
export class PinnedItem {
  private readonly box: HTMLElement;

  constructor(host: HTMLElement, private readonly session: RoomSession, private readonly staff = false) {
    this.box = el('div', { className: 'pinned', attrs: { 'data-testid': 'pinned' } });
    host.append(this.box);
    session.onSnapshot(s => this.show(s.pinned ?? null));
    session.on('pinned', e => this.show((e as PinnedEvent).item));
    session.on('unpinned', () => this.show(null));
    this.show(null);
  }

  private show(item: Pinned | null): void {
    this.box.hidden = item === null;
    if (!item) {
      this.box.replaceChildren();
      return;
    }
    const unpin = el('button', { className: 'link-button', text: 'Unpin', attrs: { type: 'button', 'data-testid': 'unpin' } });
    unpin.addEventListener('click', () => {
      this.session.invoke<void>('Unpin').catch(error => (unpin.title = errorMessage(error)));
    });
    this.box.dataset.kind = item.kind;
    this.box.replaceChildren(
      el('span', { className: 'pinned-label', text: item.kind === 'question' ? 'Answered question' : 'Pinned comment' }),
      el('p', { className: 'pinned-text', text: item.text }),
      ...(item.displayName ? [el('span', { className: 'muted', text: item.displayName })] : []),
      ...(this.staff ? [unpin] : []));
  }
}

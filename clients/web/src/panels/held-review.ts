import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { HeldComment } from '../core/types';

/**
 * Studio: comments the keyword filter held (blocked-words action Hold) from GET /held, refreshed every few seconds.
 * Approve publishes one as a normal comment with its author and time (ApproveComment); Reject drops it (RejectComment).
 */
export class HeldReview {
  private readonly list: HTMLUListElement;
  private readonly error: HTMLParagraphElement;

  constructor(host: HTMLElement, private readonly session: RoomSession, refreshMs = 3000) {
    this.list = el('ul', { className: 'held-list', attrs: { 'data-testid': 'held' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    const refresh = el('button', { className: 'link-button', text: 'Refresh', attrs: { type: 'button', 'data-testid': 'held-refresh' } });
    refresh.addEventListener('click', () => void this.load());
    host.append(el('div', { className: 'row' }, el('span', { className: 'muted', text: 'Held by the keyword filter' }), refresh), this.list, this.error);
    const timer = setInterval(() => void this.load(), refreshMs);
    session.onStatus(status => {
      if (status === 'ended') clearInterval(timer);
    });
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.render(await api.held(this.session.roomId));
      this.error.textContent = '';
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  private render(items: HeldComment[]): void {
    this.list.dataset.empty = String(items.length === 0);
    if (items.length === 0) {
      this.list.replaceChildren(el('li', { className: 'muted', text: 'Nothing waiting for review' }));
      return;
    }
    this.list.replaceChildren(...items.map(h => {
      const approve = el('button', { className: 'button small', text: 'Approve', attrs: { type: 'button', 'data-action': 'approve' } });
      const reject = el('button', { className: 'button small danger', text: 'Reject', attrs: { type: 'button', 'data-action': 'reject' } });
      const act = (method: string) => async () => {
        approve.disabled = reject.disabled = true;
        try {
          await this.session.invoke(method, h.heldId);
        } catch (error) {
          this.error.textContent = errorMessage(error);
        }
        await this.load();
      };
      approve.addEventListener('click', () => void act('ApproveComment')());
      reject.addEventListener('click', () => void act('RejectComment')());
      return el('li', { className: 'held-item', attrs: { 'data-held': h.heldId } },
        el('div', {}, el('strong', { text: h.displayName }), ' ', el('span', { text: h.text })),
        el('div', { className: 'row' }, approve, reject));
    }));
  }
}

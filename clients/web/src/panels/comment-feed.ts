import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { CommentEvent } from '../core/types';

const maxComments = 300;
const nearBottomPx = 40;

/**
 * The comment feed: newest at the bottom; it follows new comments unless the user scrolled up to read,
 * in which case a "new comments" button takes them back down.
 */
export class CommentFeed {
  private readonly list: HTMLOListElement;
  private readonly jump: HTMLButtonElement;
  private follow = true;

  constructor(host: HTMLElement, session: RoomSession) {
    this.list = el('ol', { className: 'feed-list', attrs: { 'aria-live': 'polite', 'data-testid': 'comments' } });
    this.jump = el('button', { className: 'feed-jump', text: 'New comments ↓', attrs: { type: 'button' } });
    this.jump.hidden = true;
    this.jump.addEventListener('click', () => this.scrollToBottom());
    this.list.addEventListener('scroll', () => {
      this.follow = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < nearBottomPx;
      if (this.follow) this.jump.hidden = true;
    });
    host.append(this.list, this.jump);
    session.on('comment', e => this.add(e as CommentEvent));
  }

  /** A line that is not a comment (e.g. "the live has ended"), styled apart. */
  notice(text: string): void {
    this.append(el('li', { className: 'feed-notice', text }));
  }

  private add(comment: CommentEvent): void {
    const item = el('li', { className: 'feed-item', attrs: { 'data-seq': String(comment.seq) } },
      el('span', { className: 'feed-name', text: comment.displayName ?? 'guest' }),
      el('span', { className: 'feed-text', text: comment.text }));
    this.append(item);
  }

  private append(item: HTMLLIElement): void {
    this.list.append(item);
    while (this.list.childElementCount > maxComments) this.list.firstElementChild?.remove();
    if (this.follow) this.scrollToBottom();
    else this.jump.hidden = false;
  }

  private scrollToBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.follow = true;
    this.jump.hidden = true;
  }
}

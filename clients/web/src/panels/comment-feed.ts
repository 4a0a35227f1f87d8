import { errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { CommentDeletedEvent, CommentEvent, GiftEvent, SlowModeEvent, UserBannedEvent, UserMutedEvent } from '../core/types';

const maxComments = 300;
const nearBottomPx = 40;
/** What the studio's "Mute" does: ten minutes (the server allows up to a week). */
export const muteSeconds = 600;

export interface FeedOptions {
  /** The studio: a delete, mute and ban action on each comment that is not the moderator's own. */
  moderateAs?: string;
}

/**
 * The comment and gift feed: newest at the bottom; it follows new lines unless the user scrolled up to read, in
 * which case a "new comments" button takes them back down. Gifts are lines too, one per streak, whose "x3" grows.
 * A deleted comment disappears (a replay carries it with empty text, then the deletion); a banned user's comments
 * disappear for viewers and are marked for the moderator.
 */
export class CommentFeed {
  private readonly list: HTMLOListElement;
  private readonly jump: HTMLButtonElement;
  private readonly error: HTMLParagraphElement;
  private readonly giftLines = new Map<string, HTMLElement>();
  private readonly banned = new Set<string>();
  /** Muted users and when (server clock) their mute ends. */
  private readonly muted = new Map<string, number>();
  private follow = true;

  constructor(host: HTMLElement, private readonly session: RoomSession, private readonly options: FeedOptions = {}) {
    this.list = el('ol', { className: 'feed-list', attrs: { 'aria-live': 'polite', 'data-testid': 'comments' } });
    this.jump = el('button', { className: 'feed-jump', text: 'New comments ↓', attrs: { type: 'button' } });
    this.jump.hidden = true;
    this.jump.addEventListener('click', () => this.scrollToBottom());
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert', 'data-testid': 'moderation-error' } });
    this.list.addEventListener('scroll', () => {
      this.follow = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < nearBottomPx;
      if (this.follow) this.jump.hidden = true;
    });
    host.append(this.list, this.jump, this.error);
    session.on('comment', e => this.add(e as CommentEvent));
    session.on('gift', e => this.gift(e as GiftEvent));
    session.on('comment_deleted', e => this.items(`[data-comment="${CSS.escape((e as CommentDeletedEvent).commentId)}"]`).forEach(i => i.remove()));
    session.on('user_banned', e => this.setBanned((e as UserBannedEvent).targetUserId, true));
    session.on('user_unbanned', e => this.setBanned((e as UserBannedEvent).targetUserId, false));
    session.on('user_muted', e => {
      const mute = e as UserMutedEvent;
      if (mute.until > mute.at) this.muted.set(mute.targetUserId, mute.until);
      else this.muted.delete(mute.targetUserId);
      this.relabel(mute.targetUserId);
    });
    session.onSampled(count => this.sampled(count));
    session.on('slow_mode', e => {
      const seconds = (e as SlowModeEvent).seconds;
      this.notice(seconds > 0 ? `Slow mode is on: one comment every ${seconds} s.` : 'Slow mode is off.');
    });
  }

  /** A line that is not a comment (e.g. "the live has ended"), styled apart. */
  notice(text: string): void {
    this.append(el('li', { className: 'feed-notice', text }));
  }

  /** A flood: the room shows some comments and counts the rest; one line that grows says how many went unshown. */
  private sampled(count: number): void {
    const last = this.list.lastElementChild;
    const line = last instanceof HTMLElement && last.dataset.sampled ? last : undefined;
    const total = Number(line?.dataset.sampled ?? 0) + count;
    const text = `+${total} more comment${total === 1 ? '' : 's'} (busy room: not all are shown)`;
    if (line) {
      line.dataset.sampled = String(total);
      line.textContent = text;
      return;
    }
    this.append(el('li', { className: 'feed-notice', text, attrs: { 'data-sampled': String(total), 'data-testid': 'sampled' } }));
  }

  private add(comment: CommentEvent): void {
    // Deleted before this page saw it: the replay keeps the slot with the text blanked.
    if (comment.text === '') return;
    const item = el('li', { className: 'feed-item', attrs: { 'data-seq': String(comment.seq), 'data-comment': comment.commentId, 'data-user': comment.userId ?? '' } },
      el('span', { className: 'feed-name', text: comment.displayName ?? 'guest' }),
      el('span', { className: 'feed-text', text: comment.text }));
    if (comment.userId && this.banned.has(comment.userId)) {
      if (!this.options.moderateAs) return;
      item.classList.add('feed-banned');
    }
    if (this.options.moderateAs && comment.userId && comment.userId !== this.options.moderateAs) item.append(this.actions(comment));
    this.append(item);
  }

  private gift(gift: GiftEvent): void {
    const text = `sent ${gift.name} ×${gift.comboCount}`;
    const line = this.giftLines.get(gift.comboId);
    if (line?.isConnected) {
      line.querySelector('.feed-text')!.textContent = text;
      return;
    }
    const item = el('li', { className: `feed-gift tier-${gift.tier}`, attrs: { 'data-seq': String(gift.seq), 'data-combo': gift.comboId, 'data-user': gift.userId ?? '' } },
      el('span', { className: 'feed-name', text: gift.displayName ?? 'someone' }),
      el('span', { className: 'feed-text', text }));
    this.giftLines.set(gift.comboId, item);
    if (this.giftLines.size > maxComments) this.giftLines.delete(this.giftLines.keys().next().value!);
    this.append(item);
  }

  /** Delete, mute, ban (ban asks for a second click: it drops the viewer from the live at once). */
  private actions(comment: CommentEvent): HTMLElement {
    const userId = comment.userId!;
    const run = async (button: HTMLButtonElement, method: string, ...args: unknown[]) => {
      button.disabled = true;
      try {
        await this.session.invoke<void>(method, ...args);
        this.error.textContent = '';
      } catch (error) {
        this.error.textContent = errorMessage(error);
      } finally {
        button.disabled = false;
      }
    };
    const remove = el('button', { className: 'mod-action', text: 'Delete', attrs: { type: 'button', 'data-action': 'delete', 'aria-label': `Delete this comment by ${comment.displayName ?? 'guest'}` } });
    const mute = el('button', { className: 'mod-action', text: 'Mute', attrs: { type: 'button', 'data-action': 'mute', title: `Mute for ${muteSeconds / 60} minutes` } });
    const ban = el('button', { className: 'mod-action danger', text: 'Ban', attrs: { type: 'button', 'data-action': 'ban' } });
    remove.addEventListener('click', () => void run(remove, 'DeleteComment', comment.commentId));
    // Mute toggles: a muted user's button lifts the mute (MuteUser with 0 seconds).
    mute.addEventListener('click', () => void run(mute, 'MuteUser', userId, this.isMuted(userId) ? 0 : muteSeconds));
    let confirm: ReturnType<typeof setTimeout> | null = null;
    ban.addEventListener('click', () => {
      if (this.banned.has(userId)) {
        void run(ban, 'UnbanUser', userId);
        return;
      }
      if (!confirm) {
        ban.textContent = 'Confirm ban';
        confirm = setTimeout(() => {
          confirm = null;
          ban.textContent = this.banned.has(userId) ? 'Unban' : 'Ban';
        }, 4000);
        return;
      }
      clearTimeout(confirm);
      confirm = null;
      void run(ban, 'BanUser', userId);
    });
    const actions = el('span', { className: 'mod-actions' }, remove, mute, ban);
    this.label(actions, userId);
    return actions;
  }

  private isMuted(userId: string): boolean {
    return (this.muted.get(userId) ?? 0) > Date.now();
  }

  /** The mute and ban buttons say what they will do for this user now. */
  private label(actions: Element, userId: string): void {
    const mute = actions.querySelector<HTMLButtonElement>('[data-action="mute"]');
    const ban = actions.querySelector<HTMLButtonElement>('[data-action="ban"]');
    if (mute) mute.textContent = this.isMuted(userId) ? 'Unmute' : 'Mute';
    if (ban) ban.textContent = this.banned.has(userId) ? 'Unban' : 'Ban';
  }

  private relabel(userId: string): void {
    for (const item of this.items(`[data-user="${CSS.escape(userId)}"]`)) {
      const actions = item.querySelector('.mod-actions');
      if (actions) this.label(actions, userId);
    }
  }

  private setBanned(userId: string, banned: boolean): void {
    if (banned) this.banned.add(userId);
    else this.banned.delete(userId);
    for (const item of this.items(`[data-user="${CSS.escape(userId)}"]`)) {
      if (!this.options.moderateAs) {
        if (banned && item.classList.contains('feed-item')) item.remove();
        continue;
      }
      item.classList.toggle('feed-banned', banned);
    }
    this.relabel(userId);
  }

  private items(selector: string): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>(selector)];
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

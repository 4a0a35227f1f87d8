import { el } from '../core/dom';
import { isFresh } from '../core/gift-logic';
import type { RoomSession } from '../core/room-session';
import type { UserMutedEvent } from '../core/types';
import { type CommentBox, commentPlaceholder } from './comment-box';

/**
 * What the room's moderators did to this viewer, made visible: a mute disables the comment box with the time
 * left until it lifts; a ban (the server's Kicked, or a refused rejoin) shows that the viewer was removed, and
 * the page stops taking part. The comment box stays as a disabled field so the reason is where they would type.
 */
export class ViewerRestrictions {
  private readonly note: HTMLParagraphElement;
  private muteTimer: ReturnType<typeof setInterval> | null = null;

  constructor(host: HTMLElement, session: RoomSession, private readonly box: CommentBox, selfId: string) {
    this.note = el('p', { className: 'restriction', attrs: { role: 'status', 'data-testid': 'restriction' } });
    this.note.hidden = true;
    host.prepend(this.note);
    session.on('user_muted', e => {
      const mute = e as UserMutedEvent;
      if (mute.targetUserId !== selfId || session.removedBecause) return;
      // `until` is the server's clock: a mute that just happened counts its length down from now (no clock skew);
      // one replayed from earlier is compared as it is.
      const lifted = mute.until <= mute.at;
      this.mute(lifted ? 0 : isFresh(mute.at, Date.now()) ? Date.now() + (mute.until - mute.at) : mute.until, session);
    });
    // The comment box opens when the room's status arrives; a mute replayed from the history before it still holds.
    session.onStatus(status => {
      if (status !== 'ended' && this.muteTimer) this.box.setEnabled(false, 'You are muted');
    });
    session.onRemoved(reason => {
      this.clearMute();
      this.show(reason === 'banned' ? 'You have been banned from this live. You cannot comment, like or send gifts here.' : 'You were removed from this live.', 'banned');
      this.box.setEnabled(false, 'You are banned from this live');
    });
  }

  private mute(until: number, session: RoomSession): void {
    this.clearMute();
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) {
        this.clearMute();
        this.note.hidden = true;
        if (session.status !== 'ended' && !session.removedBecause) this.box.setEnabled(true, commentPlaceholder);
        return;
      }
      this.show(`A moderator muted you: you can comment again in ${left >= 60 ? `${Math.ceil(left / 60)} min` : `${left} s`}.`, 'muted');
    };
    this.box.setEnabled(false, 'You are muted');
    tick();
    if (until > Date.now()) this.muteTimer = setInterval(tick, 1000);
  }

  private clearMute(): void {
    if (this.muteTimer) clearInterval(this.muteTimer);
    this.muteTimer = null;
  }

  private show(text: string, state: string): void {
    this.note.textContent = text;
    this.note.dataset.state = state;
    this.note.hidden = false;
  }
}

import { el } from '../core/dom';
import type { ConnectionState, LiveConnection } from '../core/live-connection';
import type { RoomSession } from '../core/room-session';
import type { RoomStatus } from '../core/types';

/**
 * The room's state over the video: waiting for the creator, ended, removed (banned), or connection lost.
 * "Removed" wins over everything, then "ended"; a dropped connection shows until the room is joined again.
 */
export class RoomBanner {
  private readonly banner: HTMLDivElement;
  private readonly title: HTMLParagraphElement;
  private readonly detail: HTMLParagraphElement;
  private status: RoomStatus | null = null;
  private connection: ConnectionState = 'connecting';
  private removed: string | null = null;

  constructor(host: HTMLElement, session: RoomSession, connection: LiveConnection, private readonly role: 'viewer' | 'creator') {
    this.title = el('p', { className: 'banner-title' });
    this.detail = el('p', { className: 'banner-detail' });
    this.banner = el('div', { className: 'room-banner', attrs: { role: 'status', 'data-testid': 'room-banner' } }, this.title, this.detail);
    host.append(this.banner);
    session.onStatus(status => {
      this.status = status;
      this.render();
    });
    connection.onState(state => {
      this.connection = state;
      this.render();
    });
    session.onRemoved(reason => {
      this.removed = reason;
      this.render();
    });
    session.onReplayGap(() => this.flash('You were away for a while: some comments were skipped.'));
    this.render();
  }

  private render(): void {
    let state: string;
    let title = '';
    let detail = '';
    if (this.removed !== null) {
      state = 'removed';
      title = this.removed === 'banned' ? 'You have been banned from this live' : 'You were removed from this live';
      detail = 'The creator or a moderator removed you. Find another live in the lobby.';
    } else if (this.status === 'ended') {
      state = 'ended';
      title = 'This live has ended';
      detail = this.role === 'viewer' ? 'Thanks for watching. Find another live in the lobby.' : 'Your live has ended.';
    } else if (this.connection !== 'connected') {
      state = this.connection;
      title = this.connection === 'connecting' ? 'Connecting…' : 'Connection lost';
      detail = this.connection === 'connecting' ? '' : 'Reconnecting… you will not miss any comments.';
    } else if (this.status === null) {
      // Connected but the room's first snapshot is not in yet: nothing on the page can be used until it is.
      state = 'connecting';
      title = 'Joining…';
    } else if (this.status === 'created') {
      state = 'waiting';
      title = this.role === 'viewer' ? 'Waiting for the creator to go live' : 'You are not live yet';
    } else {
      state = 'live';
    }
    this.banner.dataset.state = state;
    this.banner.hidden = state === 'live';
    this.title.textContent = title;
    this.detail.textContent = detail;
  }

  private flash(message: string): void {
    const note = el('p', { className: 'banner-flash', text: message });
    this.banner.parentElement?.append(note);
    setTimeout(() => note.remove(), 6000);
  }
}

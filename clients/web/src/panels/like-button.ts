import { el, formatCount } from '../core/dom';
import { LikeBatcher } from '../core/like-batcher';
import type { RoomSession } from '../core/room-session';

const maxHeartsOnScreen = 30;

/**
 * The like button: every tap floats a heart and adds one to the number at once; taps go to the server summed every
 * 250 ms. The room's running total from the server replaces the number when it is higher (other viewers' likes),
 * never when it is lower: it lags behind our own taps in flight, and the total only grows.
 */
export class LikeButton {
  private readonly button: HTMLButtonElement;
  private readonly count: HTMLSpanElement;
  private readonly hearts: HTMLDivElement;
  private readonly batcher: LikeBatcher;
  private shown = 0;
  private stopped = false;

  constructor(host: HTMLElement, heartsLayer: HTMLElement, session: RoomSession) {
    // Taps while the connection is down or rejoining are held and sent once the room is back.
    this.batcher = new LikeBatcher(count => session.send('SendLike', count), 250, () => session.inRoom);
    this.count = el('span', { className: 'like-count', text: '0', attrs: { 'data-testid': 'like-count' } });
    this.button = el('button', { className: 'like-button', attrs: { type: 'button', 'aria-label': 'Like' } }, el('span', { className: 'like-heart', text: '♥' }), this.count);
    this.hearts = el('div', { className: 'hearts', attrs: { 'aria-hidden': 'true' } });
    heartsLayer.append(this.hearts);
    host.append(this.button);
    this.button.addEventListener('click', () => {
      this.batcher.tap();
      this.floatHeart(true);
      this.shown++;
      this.render();
    });
    session.onCounters(counters => {
      const before = this.shown;
      this.shown = Math.max(this.shown, counters.likes);
      this.render();
      // Our own taps are already on screen; growth beyond them is other viewers' likes: float a few hearts for those
      // too, capped so a busy room does not flood the screen.
      for (let i = 0; i < Math.min(this.shown - before, 5); i++) this.floatHeart(false);
    });
    // Closed until the room is joined: taps sent before the connection is up would be lost.
    this.button.disabled = true;
    session.onStatus(status => {
      if (status === 'ended') this.disable();
      else if (!this.stopped) this.button.disabled = false;
    });
  }

  disable(): void {
    this.stopped = true;
    this.batcher.stop();
    this.button.disabled = true;
  }

  private render(): void {
    this.count.textContent = formatCount(this.shown);
  }

  private floatHeart(mine: boolean): void {
    if (this.hearts.childElementCount >= maxHeartsOnScreen) return;
    const heart = el('span', { className: mine ? 'heart mine' : 'heart', text: '♥' });
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    heart.style.setProperty('--drift', `${Math.round(Math.random() * 60 - 30)}px`);
    heart.style.setProperty('--hue', `${Math.round(330 + Math.random() * 40)}`);
    heart.addEventListener('animationend', () => heart.remove());
    this.hearts.append(heart);
  }
}

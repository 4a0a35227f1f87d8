import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { ClipInfo } from '../core/types';

/**
 * "Clip": makes an animated GIF of the last seconds of the video and shows it with a share link (the GIF's address,
 * which needs no sign-in). The room's earlier clips (the snapshot's media.clips) are listed below, newest first.
 */
export class ClipPanel {
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;

  constructor(host: HTMLElement, roomId: string, seconds = 10) {
    const button = el('button', { className: 'clip-button', text: `Clip ${seconds}s`, attrs: { type: 'button', 'data-testid': 'clip-button' } });
    this.status = el('p', { className: 'clip-status', attrs: { 'data-testid': 'clip-status', 'aria-live': 'polite' } });
    this.list = el('div', { className: 'clip-list', attrs: { 'data-testid': 'clip-list' } });
    host.append(el('div', { className: 'clip-panel' }, button, this.status, this.list));
    button.addEventListener('click', () => {
      button.disabled = true;
      this.status.textContent = 'Making your clip…';
      api.clip(roomId, seconds)
        .then(clip => {
          this.status.textContent = 'Clip ready: share the link.';
          this.show([clip], true);
        })
        .catch((error: unknown) => {
          this.status.textContent = `No clip: ${errorMessage(error)}`;
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    void api.room(roomId).then(room => this.show(room.media?.clips ?? [], false)).catch(() => undefined);
  }

  private show(clips: ClipInfo[], first: boolean): void {
    for (const clip of clips) {
      if (this.list.querySelector(`[data-clip="${clip.clipId}"]`)) continue;
      const link = new URL(clip.url, window.location.origin).toString();
      const copy = el('button', { className: 'clip-copy', text: 'Copy link', attrs: { type: 'button' } });
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(link).then(() => { copy.textContent = 'Copied'; }).catch(() => undefined);
      });
      const card = el('figure', { className: 'clip-card', attrs: { 'data-clip': clip.clipId } },
        el('img', { attrs: { src: clip.url, alt: `${clip.seconds}-second clip`, width: String(clip.width), height: String(clip.height), loading: 'lazy' } }),
        el('figcaption', {},
          el('a', { className: 'clip-link', text: link, attrs: { href: link, target: '_blank', rel: 'noopener', 'data-testid': 'clip-link' } }),
          copy));
      if (first) this.list.prepend(card);
      else this.list.append(card);
    }
  }
}

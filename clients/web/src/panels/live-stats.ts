import { el, formatCount } from '../core/dom';
import type { RoomSession } from '../core/room-session';

/** The creator's numbers: viewers now, likes and comments so far. */
export class LiveStats {
  private readonly viewers = this.stat('viewers');
  private readonly likes = this.stat('likes');
  private readonly comments = this.stat('comments');

  constructor(host: HTMLElement, session: RoomSession) {
    host.append(el('dl', { className: 'stats' }, ...this.viewers.nodes, ...this.likes.nodes, ...this.comments.nodes));
    session.onCounters(c => {
      this.viewers.value.textContent = formatCount(c.viewers);
      this.likes.value.textContent = formatCount(c.likes);
      this.comments.value.textContent = formatCount(c.comments);
    });
    session.onViewerCount(n => (this.viewers.value.textContent = formatCount(n)));
  }

  private stat(name: string): { nodes: HTMLElement[]; value: HTMLElement } {
    const value = el('dd', { text: '0', attrs: { 'data-testid': `stat-${name}` } });
    return { nodes: [el('div', { className: 'stat' }, el('dt', { text: name }), value)], value };
  }
}

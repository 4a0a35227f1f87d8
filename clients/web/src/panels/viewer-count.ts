import { el, formatCount } from '../core/dom';
import { icon } from '../core/icons';
import type { RoomSession } from '../core/room-session';

/** "(eye) 12": the room's viewer count from ViewerCount messages and batch counters. */
export class ViewerCount {
  private readonly value: HTMLSpanElement;

  constructor(host: HTMLElement, session: RoomSession) {
    this.value = el('span', { className: 'viewer-count-value', text: '0', attrs: { 'data-testid': 'viewer-count' } });
    host.append(el('span', { className: 'viewer-count', attrs: { title: 'Viewers' } }, icon('eye'), this.value, el('span', { className: 'sr-only', text: ' viewers' })));
    session.onViewerCount(n => this.set(n));
    session.onCounters(c => this.set(c.viewers));
  }

  private set(n: number): void {
    this.value.textContent = formatCount(n);
  }
}

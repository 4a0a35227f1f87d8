import { api } from '../core/api';
import { el, formatCount } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { GiftEvent } from '../core/types';

/**
 * The creator's numbers: viewers now, likes, comments, the coins gifted in this live (the room total every gift
 * event carries, and the snapshot's at join) and the creator's earnings over all their lives
 * (GET /api/creators/{me}/earnings, read at start and again shortly after each gift).
 */
export class LiveStats {
  private readonly viewers = this.stat('viewers');
  private readonly likes = this.stat('likes');
  private readonly comments = this.stat('comments');
  private readonly coins = this.stat('coins', 'coins this live', 'money');
  private readonly earnings = this.stat('earnings', 'total earnings', 'money');
  private refresh: ReturnType<typeof setTimeout> | null = null;
  private roomTotal = 0;

  constructor(host: HTMLElement, session: RoomSession, private readonly creatorId: string) {
    host.append(el('dl', { className: 'stats' }, ...[this.viewers, this.likes, this.comments, this.coins, this.earnings].flatMap(s => s.nodes)));
    session.onCounters(c => {
      this.viewers.value.textContent = formatCount(c.viewers);
      this.likes.value.textContent = formatCount(c.likes);
      this.comments.value.textContent = formatCount(c.comments);
    });
    session.onViewerCount(n => (this.viewers.value.textContent = formatCount(n)));
    session.onSnapshot(s => {
      if (s.gifts) this.setRoomTotal(s.gifts.totalCoins);
    });
    session.on('gift', e => {
      this.setRoomTotal((e as GiftEvent).roomTotal);
      // Earnings are credited by the sender's wallet around the time of the event: read them once a burst settles.
      this.scheduleEarnings(500);
    });
    void this.loadEarnings();
  }

  private setRoomTotal(coins: number): void {
    this.roomTotal = Math.max(this.roomTotal, coins);
    this.coins.value.textContent = formatCount(this.roomTotal);
  }

  private scheduleEarnings(delayMs: number): void {
    if (this.refresh) clearTimeout(this.refresh);
    this.refresh = setTimeout(() => void this.loadEarnings(), delayMs);
  }

  private async loadEarnings(): Promise<void> {
    try {
      const coins = (await api.earnings(this.creatorId)).coins;
      this.earnings.value.textContent = formatCount(coins);
      // Earnings over all lives include this one's gifts: less means a credit is still on its way. Read again.
      if (coins < this.roomTotal) this.scheduleEarnings(1000);
    } catch {
      this.earnings.value.textContent = '–';
    }
  }

  private stat(name: string, label = name, kind = ''): { nodes: HTMLElement[]; value: HTMLElement } {
    const value = el('dd', { text: '0', attrs: { 'data-testid': `stat-${name}` } });
    return { nodes: [el('div', { className: `stat ${kind}`.trim() }, el('dt', { text: label }), value)], value };
  }
}

import { el, formatCount } from '../core/dom';
import { rankGifters } from '../core/gift-logic';
import type { RoomSession } from '../core/room-session';
import type { GiftBoardEvent, GiftEvent, TopGifter } from '../core/types';

/**
 * The room's top gifters: from the join snapshot (`gifts.top`) and then every `gift_board` event (the server pushes
 * one whenever the top 10 or their sums change), plus the room's gift total, which every `gift` event carries.
 * The viewer page shows the first `limit` (3); the studio all ten.
 */
export class TopGifters {
  private readonly list: HTMLOListElement;
  private readonly total: HTMLSpanElement;

  constructor(host: HTMLElement, session: RoomSession, private readonly limit = 10, title = 'Top gifters') {
    this.list = el('ol', { className: 'gifter-list', attrs: { 'data-testid': 'top-gifters' } });
    this.total = el('span', { className: 'gifter-total', text: '0', attrs: { 'data-testid': 'gift-total' } });
    host.append(el('section', { className: 'gifter-board', attrs: { 'aria-label': title } },
      el('p', { className: 'gifter-head' }, el('span', { text: title }), el('span', { className: 'gifter-sum' }, this.total, ' coins')),
      this.list));
    session.onSnapshot(snapshot => {
      if (!snapshot.gifts) return;
      this.render(snapshot.gifts.top);
      this.setTotal(snapshot.gifts.totalCoins);
    });
    session.on('gift_board', e => {
      const board = e as GiftBoardEvent;
      this.render(board.top);
      this.setTotal(board.totalCoins);
    });
    session.on('gift', e => this.setTotal((e as GiftEvent).roomTotal));
  }

  private render(top: TopGifter[]): void {
    const ranked = rankGifters(top, this.limit);
    this.list.replaceChildren(...ranked.map(g => el('li', { className: `gifter rank-${g.rank}`, attrs: { 'data-user': g.userId } },
      el('span', { className: 'gifter-rank', text: String(g.rank) }),
      el('span', { className: 'gifter-name', text: g.displayName }),
      el('span', { className: 'gifter-coins', text: formatCount(g.coins) }))));
    this.list.dataset.empty = String(ranked.length === 0);
  }

  private setTotal(coins: number): void {
    this.total.textContent = formatCount(coins);
  }
}

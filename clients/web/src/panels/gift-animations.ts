import { el } from '../core/dom';
import { ComboTracker, isFresh, type Streak } from '../core/gift-logic';
import type { RoomSession } from '../core/room-session';
import type { GiftEvent } from '../core/types';

const maxCards = 4;
const tickMs = 500;

/**
 * Gifts over the video, one card per streak: sender, gift and a growing "x3" that pops on every repeat. The tier
 * decides the size: small and medium slide in at the side, large and epic also fill the middle of the video for a
 * moment. All motion is CSS (`styles.css`), and `prefers-reduced-motion` turns it off: the cards then just appear.
 * Gifts replayed from before this page joined go to the feed but are not animated.
 */
export class GiftAnimations {
  private readonly layer: HTMLDivElement;
  private readonly burstLayer: HTMLDivElement;
  private readonly tracker = new ComboTracker();
  private readonly cards = new Map<string, { card: HTMLElement; count: HTMLElement }>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** `stage` holds the centre burst (it covers the video); `cardHost` the cards (a column in the stage's overlay). */
  constructor(stage: HTMLElement, session: RoomSession, cardHost: HTMLElement = stage) {
    this.layer = el('div', { className: 'gift-layer', attrs: { 'data-testid': 'gift-animations', 'aria-live': 'polite' } });
    this.burstLayer = el('div', { className: 'gift-burst-layer', attrs: { 'aria-hidden': 'true' } });
    stage.append(this.burstLayer);
    cardHost.append(this.layer);
    session.on('gift', e => {
      const gift = e as GiftEvent;
      if (isFresh(gift.at, Date.now())) this.show(gift);
    });
  }

  private show(gift: GiftEvent): void {
    const { streak, started } = this.tracker.add(gift, Date.now());
    const shown = this.cards.get(streak.comboId);
    if (shown && !started) {
      shown.count.textContent = `×${streak.count}`;
      // Restart the pop animation: drop the class, force a style flush, add it back.
      shown.count.classList.remove('pop');
      void shown.count.offsetWidth;
      shown.count.classList.add('pop');
    } else {
      this.add(streak);
    }
    this.timer ??= setInterval(() => this.expire(), tickMs);
  }

  private add(streak: Streak): void {
    const count = el('span', { className: 'gift-combo pop', text: `×${streak.count}`, attrs: { 'data-testid': 'gift-combo' } });
    const card = el('div', { className: `gift-card tier-${streak.tier}`, attrs: { 'data-combo': streak.comboId, 'data-tier': streak.tier, 'data-gift': streak.giftId } },
      el('span', { className: 'gift-icon', text: streak.name.slice(0, 1).toUpperCase(), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'gift-card-text' },
        el('span', { className: 'gift-sender', text: streak.displayName }),
        el('span', { className: 'gift-what', text: `sent ${streak.name}` })),
      count);
    this.cards.set(streak.comboId, { card, count });
    this.layer.append(card);
    while (this.layer.childElementCount > maxCards) {
      const oldest = this.layer.firstElementChild as HTMLElement;
      this.cards.delete(oldest.dataset.combo ?? '');
      oldest.remove();
    }
    if (streak.tier === 'large' || streak.tier === 'epic') {
      const burst = el('div', { className: `gift-burst tier-${streak.tier}` }, el('span', { className: 'gift-burst-name', text: streak.name }), el('span', { className: 'gift-burst-from', text: streak.displayName }));
      burst.addEventListener('animationend', () => burst.remove());
      // With reduced motion there is no animation to end: take the burst away after a moment instead.
      setTimeout(() => burst.remove(), 3000);
      this.burstLayer.replaceChildren(burst);
    }
  }

  private expire(): void {
    for (const streak of this.tracker.expire(Date.now())) {
      this.cards.get(streak.comboId)?.card.remove();
      this.cards.delete(streak.comboId);
    }
    if (this.cards.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

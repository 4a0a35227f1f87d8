import { api, errorMessage, isServerRefusal } from '../core/api';
import { el, formatCount } from '../core/dom';
import { GiftSender } from '../core/gift-logic';
import type { RoomSession } from '../core/room-session';
import type { Gift, GiftReceipt } from '../core/types';

/** What "Get coins" credits: the server's demo top-up (new wallets start empty). */
export const topUpCoins = 100;

/**
 * The gift tray: the catalog (GET /api/gifts, cheapest first), the viewer's balance (GET /api/wallet) and a demo
 * top-up. A press sends one of that gift with SendGift(roomId, giftId, 1, key); pressing again within the server's
 * combo window continues the streak. The balance shown is the one in the receipt, i.e. after the debit.
 */
export class GiftPanel {
  private readonly toggle: HTMLButtonElement;
  private readonly tray: HTMLElement;
  private readonly grid: HTMLUListElement;
  private readonly balance: HTMLSpanElement;
  private readonly topUp: HTMLButtonElement;
  private readonly error: HTMLParagraphElement;
  private readonly sender: GiftSender<GiftReceipt>;
  private readonly buttons: HTMLButtonElement[] = [];
  private coins: number | null = null;
  /** Receipts can resolve out of order when gifts are pressed quickly: only a newer transfer's balance is shown. */
  private lastTransfer = 0;
  private disabledReason: string | null = null;

  constructor(actions: HTMLElement, trayHost: HTMLElement, session: RoomSession) {
    this.sender = new GiftSender<GiftReceipt>((giftId, count, key) => session.invoke<GiftReceipt>('SendGift', giftId, count, key), isServerRefusal);
    this.toggle = el('button', { className: 'gift-toggle', text: 'Gifts', attrs: { type: 'button', 'aria-expanded': 'false', 'data-testid': 'gift-toggle' } });
    this.balance = el('span', { className: 'wallet-balance', text: '…', attrs: { 'data-testid': 'wallet-balance' } });
    this.topUp = el('button', { className: 'button small', text: `Get ${topUpCoins} coins`, attrs: { type: 'button', 'data-testid': 'top-up' } });
    this.grid = el('ul', { className: 'gift-grid', attrs: { 'data-testid': 'gift-catalog' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert', 'data-testid': 'gift-error' } });
    const close = el('button', { className: 'link-button', text: 'Close', attrs: { type: 'button' } });
    this.tray = el('section', { className: 'gift-tray', attrs: { 'aria-label': 'Send a gift', 'data-testid': 'gift-tray' } },
      el('div', { className: 'gift-tray-head' }, el('span', { className: 'wallet' }, 'Your coins: ', this.balance), this.topUp, close),
      this.grid, this.error);
    this.tray.hidden = true;
    actions.append(this.toggle);
    trayHost.append(this.tray);
    this.toggle.addEventListener('click', () => this.open(this.tray.hidden));
    close.addEventListener('click', () => this.open(false));
    this.topUp.addEventListener('click', () => void this.credit());
    session.onStatus(status => {
      if (status === 'ended') this.disable('The live has ended');
    });
    session.onRemoved(() => this.disable('You cannot send gifts here'));
    void this.load();
  }

  open(show: boolean): void {
    this.tray.hidden = !show;
    this.toggle.setAttribute('aria-expanded', String(show));
  }

  disable(reason: string): void {
    this.disabledReason = reason;
    this.open(false);
    this.toggle.disabled = true;
    this.toggle.title = reason;
    this.buttons.forEach(b => (b.disabled = true));
  }

  private async load(): Promise<void> {
    try {
      const [catalog, wallet] = await Promise.all([api.gifts(), api.wallet()]);
      this.grid.replaceChildren(...catalog.map(gift => this.giftButton(gift)));
      this.setBalance(wallet.balance);
    } catch (error) {
      this.showError(`Gifts are not available: ${errorMessage(error)}`);
    }
  }

  private giftButton(gift: Gift): HTMLLIElement {
    const button = el('button', { className: `gift-button tier-${gift.tier}`, attrs: { type: 'button', 'data-gift': gift.id, 'aria-label': `Gift ${gift.name}, ${gift.coins} coin${gift.coins === 1 ? '' : 's'}` } },
      el('span', { className: 'gift-icon', text: gift.name.slice(0, 1).toUpperCase(), attrs: { 'aria-hidden': 'true' } }),
      el('span', { className: 'gift-name', text: gift.name }),
      el('span', { className: 'gift-price', text: `${formatCount(gift.coins)} coins` }));
    button.dataset.price = String(gift.coins);
    button.disabled = this.disabledReason !== null;
    button.addEventListener('click', () => void this.send(gift));
    this.buttons.push(button);
    return el('li', {}, button);
  }

  private async send(gift: Gift): Promise<void> {
    if (this.coins !== null && this.coins < gift.coins) {
      this.showError(`${gift.name} costs ${gift.coins} coins; you have ${this.coins}. Get more coins first.`);
      return;
    }
    this.showError('');
    try {
      const receipt = await this.sender.send(gift.id, 1);
      if (receipt.transferSeq >= this.lastTransfer) {
        this.lastTransfer = receipt.transferSeq;
        this.setBalance(receipt.balance);
      }
    } catch (error) {
      this.showError(isServerRefusal(error) ? errorMessage(error) : 'The gift did not get through; press it again to retry (you will not pay twice).');
    }
  }

  private async credit(): Promise<void> {
    this.topUp.disabled = true;
    try {
      this.setBalance((await api.topUp(topUpCoins)).balance);
      this.showError('');
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.topUp.disabled = false;
    }
  }

  private setBalance(coins: number): void {
    this.coins = coins;
    this.balance.textContent = String(coins);
    for (const button of this.buttons) button.classList.toggle('unaffordable', Number(button.dataset.price) > coins);
  }

  private showError(message: string): void {
    this.error.textContent = message;
  }
}

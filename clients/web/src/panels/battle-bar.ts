import { api } from '../core/api';
import { el, formatCount } from '../core/dom';
import { battleBar } from '../core/gift-logic';
import type { RoomSession } from '../core/room-session';
import type { Battle, BattleEvent } from '../core/types';

/** How long the result stays on screen after a battle ends. */
const resultMs = 15_000;

/**
 * The battle bar over the video while this room is in a gift battle: our score against the other room's, a bar
 * split by the two, the time left, and the result at the end. The state comes from `battle` events and, for a
 * page that joins mid-battle, from GET /api/battles/{id} (the snapshot names the battle).
 */
export class BattleBar {
  private readonly bar: HTMLElement;
  private readonly ours: HTMLSpanElement;
  private readonly theirs: HTMLSpanElement;
  private readonly opponent: HTMLSpanElement;
  private readonly clock: HTMLSpanElement;
  private readonly fill: HTMLDivElement;
  private battle: Battle | null = null;
  private opponentFor: string | null = null;
  private finished: string | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.ours = el('span', { className: 'battle-score ours', attrs: { 'data-testid': 'battle-ours' } });
    this.theirs = el('span', { className: 'battle-score theirs', attrs: { 'data-testid': 'battle-theirs' } });
    this.opponent = el('span', { className: 'battle-opponent', text: 'the other live' });
    this.clock = el('span', { className: 'battle-clock', attrs: { 'data-testid': 'battle-clock' } });
    this.fill = el('div', { className: 'battle-fill' });
    this.bar = el('section', { className: 'battle-bar', attrs: { 'aria-label': 'Gift battle', 'data-testid': 'battle-bar' } },
      el('div', { className: 'battle-line' }, this.ours, this.clock, this.theirs),
      el('div', { className: 'battle-track', attrs: { 'aria-hidden': 'true' } }, this.fill),
      el('p', { className: 'battle-vs' }, 'Battle against ', this.opponent));
    this.bar.hidden = true;
    host.append(this.bar);
    session.on('battle', e => this.update(e as BattleEvent));
    // No more events will come (the live ended, or this viewer was removed): a running clock would be stale.
    session.onRemoved(() => this.hide());
    session.onStatus(status => {
      if (status === 'ended' && this.battle?.status !== 'ended') this.hide();
    });
    session.onSnapshot(snapshot => {
      const battleId = snapshot.gifts?.battleId;
      if (battleId) api.battle(battleId).then(b => this.battle ?? this.update(b)).catch(() => undefined);
    });
  }

  private update(battle: Battle): void {
    // A battle only moves forward: a late answer about one that is over (or further along) changes nothing.
    const stage = (b: Battle) => ({ invited: 0, running: 1, ended: 2, declined: 2 })[b.status];
    if (battle.battleId === this.finished && battle.status !== 'ended') return;
    if (this.battle?.battleId === battle.battleId && stage(battle) < stage(this.battle)) return;
    if (battle.status === 'ended' || battle.status === 'declined') this.finished = battle.battleId;
    this.battle = battle;
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = null;
    if (battle.status === 'declined') {
      this.hide();
      return;
    }
    this.bar.hidden = false;
    this.render();
    const view = battleBar(battle, this.session.roomId, Date.now());
    if (view.opponentRoomId && view.opponentRoomId !== this.opponentFor) {
      this.opponentFor = view.opponentRoomId;
      api.room(view.opponentRoomId).then(room => (this.opponent.textContent = `${room.title} (${room.creatorName})`)).catch(() => undefined);
    }
    if (battle.status === 'running') this.ticker ??= setInterval(() => this.render(), 1000);
    if (battle.status === 'ended') {
      this.stopTicker();
      this.hideTimer = setTimeout(() => this.hide(), resultMs);
    }
  }

  private render(): void {
    if (!this.battle) return;
    const view = battleBar(this.battle, this.session.roomId, Date.now());
    this.ours.textContent = formatCount(view.ours);
    this.theirs.textContent = formatCount(view.theirs);
    this.fill.style.setProperty('--share', `${view.share}%`);
    this.bar.dataset.outcome = view.outcome;
    const results = { won: 'This live won!', lost: 'The other live won', draw: 'Draw', invited: 'Battle invited', declined: '' } as const;
    if (view.outcome === 'running') this.clock.textContent = view.secondsLeft === null ? '' : `${Math.floor(view.secondsLeft / 60)}:${String(view.secondsLeft % 60).padStart(2, '0')}`;
    else this.clock.textContent = results[view.outcome];
  }

  private hide(): void {
    this.stopTicker();
    this.bar.hidden = true;
    this.battle = null;
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }
}

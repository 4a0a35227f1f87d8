import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { Battle, BattleEvent, RoomListing } from '../core/types';

const durations = [60, 180, 300] as const;

/**
 * The creator's side of gift battles: invite another live room (POST /api/battles), and accept or decline an
 * invitation from one (the invited room is the second side). Scores show in the battle bar over the preview.
 */
export class BattleControls {
  private readonly opponents: HTMLSelectElement;
  private readonly duration: HTMLSelectElement;
  private readonly invite: HTMLButtonElement;
  private readonly state: HTMLParagraphElement;
  private readonly answer: HTMLDivElement;
  private readonly error: HTMLParagraphElement;
  private battle: Battle | null = null;
  /** The last battle that ended or was declined: late updates about it change nothing. */
  private finished: string | null = null;

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.opponents = el('select', { attrs: { 'aria-label': 'Opponent room', 'data-testid': 'battle-opponent' } });
    this.duration = el('select', { attrs: { 'aria-label': 'Battle length' } }, ...durations.map(d => el('option', { text: `${d / 60} min`, attrs: { value: String(d) } })));
    this.duration.value = '180';
    this.invite = el('button', { className: 'button', text: 'Invite to battle', attrs: { type: 'button', 'data-testid': 'battle-invite' } });
    this.state = el('p', { className: 'muted battle-state', attrs: { 'data-testid': 'battle-state' } });
    this.answer = el('div', { className: 'row' });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    const refresh = el('button', { className: 'link-button', text: 'Refresh', attrs: { type: 'button', 'data-testid': 'battle-refresh' } });
    host.append(el('div', { className: 'row battle-form' }, this.opponents, this.duration, this.invite, refresh), this.state, this.answer, this.error);
    refresh.addEventListener('click', () => void this.loadOpponents());
    // The list of live rooms changes all the time: read it again whenever the creator opens the picker.
    this.opponents.addEventListener('focus', () => void this.loadOpponents());
    this.invite.addEventListener('click', () => void this.run(() => api.inviteBattle(session.roomId, this.opponents.value, Number(this.duration.value))));
    session.on('battle', e => this.show(e as BattleEvent));
    // A studio reopened during an invitation or a battle: the snapshot names it.
    session.onSnapshot(snapshot => {
      const battleId = snapshot.gifts?.battleId;
      if (battleId) api.battle(battleId).then(b => this.battle ?? this.show(b)).catch(() => undefined);
    });
    session.onStatus(status => {
      if (status === 'live') void this.loadOpponents();
      this.render();
    });
    this.render();
  }

  private async loadOpponents(): Promise<void> {
    try {
      const rooms = (await api.liveRooms()).filter(r => r.roomId !== this.session.roomId);
      const chosen = this.opponents.value;
      this.opponents.replaceChildren(...rooms.map((r: RoomListing) => el('option', { text: `${r.title} (${r.creatorName})`, attrs: { value: r.roomId } })));
      if (rooms.some(r => r.roomId === chosen)) this.opponents.value = chosen;
      this.render();
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  private async run(action: () => Promise<Battle>): Promise<void> {
    this.error.textContent = '';
    try {
      this.show(await action());
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  /**
   * Answers of REST calls and hub events about one battle race each other (the invite's reply can arrive after the
   * "running" event): a battle only moves forward, so an update behind what is shown is dropped.
   */
  private show(battle: Battle): void {
    const stage = (b: Battle) => ({ invited: 0, running: 1, ended: 2, declined: 2 })[b.status];
    if (battle.battleId === this.finished) return;
    if (this.battle?.battleId === battle.battleId && stage(battle) < stage(this.battle)) return;
    const over = battle.status === 'ended' || battle.status === 'declined';
    if (over) this.finished = battle.battleId;
    this.battle = over ? null : battle;
    this.render();
  }

  private render(): void {
    const battle = this.battle;
    const live = this.session.status === 'live';
    this.invite.disabled = !live || battle !== null || this.opponents.options.length === 0;
    this.answer.replaceChildren();
    if (!battle) {
      this.state.textContent = !live ? 'Go live to battle another room.' : this.opponents.options.length === 0 ? 'No other room is live right now.' : 'Not in a battle.';
      return;
    }
    const invitedHere = battle.sides[1]?.roomId === this.session.roomId;
    if (battle.status === 'running') {
      this.state.textContent = 'Battle running: gifts in your room count for your side.';
    } else if (invitedHere) {
      this.state.textContent = 'Another live invites you to a gift battle.';
      const accept = el('button', { className: 'button primary', text: 'Accept', attrs: { type: 'button', 'data-testid': 'battle-accept' } });
      const decline = el('button', { className: 'button', text: 'Decline', attrs: { type: 'button' } });
      accept.addEventListener('click', () => void this.run(() => api.acceptBattle(battle.battleId)));
      decline.addEventListener('click', () => void this.run(() => api.declineBattle(battle.battleId)));
      this.answer.append(accept, decline);
    } else {
      this.state.textContent = 'Invitation sent; waiting for the other creator to accept.';
      const withdraw = el('button', { className: 'button', text: 'Withdraw', attrs: { type: 'button' } });
      withdraw.addEventListener('click', () => void this.run(() => api.declineBattle(battle.battleId)));
      this.answer.append(withdraw);
    }
  }
}

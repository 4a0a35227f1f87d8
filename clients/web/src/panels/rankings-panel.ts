import { api, errorMessage } from '../core/api';
import { el, formatCount } from '../core/dom';
import type { RankingBoard, RankingPeriod } from '../core/types';

const boards: [RankingBoard, string][] = [['creators', 'Top creators'], ['gifters', 'Top gifters']];
const periods: [RankingPeriod, string][] = [['hour', 'Hour'], ['day', 'Today'], ['week', 'Week']];

/** The lobby's leaderboards: top creators by coins received or top gifters by coins sent, this hour, day or week. */
export function rankingsPanel(): { node: HTMLElement; refresh(): Promise<void> } {
  let board: RankingBoard = 'creators';
  let period: RankingPeriod = 'day';
  const list = el('ol', { className: 'rankings-list', attrs: { 'data-testid': 'rankings' } });
  const status = el('p', { className: 'muted', attrs: { role: 'status' } });
  const tabs = (options: [string, string][], isOn: (value: string) => boolean, choose: (value: string) => void) => {
    const buttons = options.map(([value, label]) => {
      const button = el('button', { className: 'chip', text: label, attrs: { type: 'button', 'data-value': value } });
      button.addEventListener('click', () => {
        choose(value);
        for (const b of buttons) b.setAttribute('aria-pressed', String(isOn(b.dataset.value ?? '')));
        void refresh();
      });
      button.setAttribute('aria-pressed', String(isOn(value)));
      return button;
    });
    return el('div', { className: 'rankings-tabs' }, ...buttons);
  };
  const node = el('aside', { className: 'card rankings', attrs: { 'data-testid': 'rankings-panel' } },
    el('h2', { text: 'Leaderboard' }),
    tabs(boards, v => v === board, v => (board = v as RankingBoard)),
    tabs(periods, v => v === period, v => (period = v as RankingPeriod)),
    list, status);

  async function refresh(): Promise<void> {
    try {
      const ranking = await api.rankings(board, period);
      list.replaceChildren(...ranking.entries.map(e =>
        el('li', { attrs: { 'data-user': e.userId } },
          el('span', { text: `${e.rank}. ${e.displayName}` }),
          el('span', { className: 'muted', text: `${formatCount(e.coins)} coins` }))));
      status.textContent = ranking.entries.length === 0 ? 'No gifts yet in this period.' : '';
    } catch (error) {
      status.textContent = `Could not load the leaderboard: ${errorMessage(error)}`;
    }
  }
  return { node, refresh };
}

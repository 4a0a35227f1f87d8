import { errorMessage } from '../core/api';
import { el, formatCount } from '../core/dom';
import { goalPercent } from '../core/poll-logic';
import type { RoomSession } from '../core/room-session';
import type { GoalEvent, GoalView } from '../core/types';

/**
 * The room's LIVE goal as a bar (snapshot, then `goal` progress events, a few per second at most, and `goal_reached`
 * once, which celebrates). With `staff` (the studio), a form sets the goal (SetGoal) and a button clears it.
 */
export class GoalBar {
  private readonly bar: HTMLElement;
  private readonly error: HTMLParagraphElement;

  constructor(host: HTMLElement, private readonly session: RoomSession, staff = false) {
    this.bar = el('div', { className: 'goal', attrs: { 'data-testid': 'goal' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    host.append(this.bar, this.error);
    if (staff) host.append(this.form());
    session.onSnapshot(s => this.show(s.goal ?? null));
    session.on('goal', e => this.show((e as GoalEvent).goal));
    session.on('goal_reached', e => this.show((e as GoalEvent).goal));
    session.on('goal_cleared', () => this.show(null));
    this.show(null);
  }

  private show(goal: GoalView | null): void {
    this.bar.hidden = goal === null;
    if (!goal) {
      this.bar.replaceChildren();
      return;
    }
    // Width through CSSOM: the pages' Content-Security-Policy refuses inline style attributes.
    const fill = el('div', { className: 'goal-fill' });
    fill.style.width = `${goalPercent(goal.progress, goal.target)}%`;
    this.bar.dataset.reached = String(goal.reached);
    this.bar.replaceChildren(
      el('div', { className: 'goal-head' },
        el('span', { className: 'goal-title', text: goal.reached ? `Reached! ${goal.title}` : goal.title }),
        el('span', { className: 'goal-count', attrs: { 'data-testid': 'goal-progress' }, text: `${formatCount(goal.progress)} / ${formatCount(goal.target)} ${goal.kind}` })),
      el('div', { className: 'goal-track' }, fill));
  }

  private form(): HTMLElement {
    const kind = el('select', { attrs: { 'aria-label': 'Goal kind', 'data-testid': 'goal-kind' } },
      el('option', { text: 'Coins from gifts', attrs: { value: 'coins' } }), el('option', { text: 'Likes', attrs: { value: 'likes' } }));
    const target = el('input', { attrs: { type: 'number', min: '1', value: '1000', 'aria-label': 'Goal target', 'data-testid': 'goal-target' } });
    const title = el('input', { attrs: { type: 'text', maxlength: '60', placeholder: 'What is it for?', 'aria-label': 'Goal title', 'data-testid': 'goal-title' } });
    const set = el('button', { className: 'button primary', text: 'Set goal', attrs: { type: 'submit', 'data-testid': 'set-goal' } });
    const clear = el('button', { className: 'button', text: 'Clear', attrs: { type: 'button', 'data-testid': 'clear-goal' } });
    // novalidate: the server's rules and messages decide (one place), not the browser's number check.
    const form = el('form', { className: 'goal-form', attrs: { novalidate: '' } }, el('div', { className: 'row' }, kind, target), title, el('div', { className: 'row' }, set, clear));
    const run = async (action: () => Promise<unknown>) => {
      this.error.textContent = '';
      try {
        await action();
      } catch (error) {
        this.error.textContent = errorMessage(error);
      }
    };
    form.addEventListener('submit', e => {
      e.preventDefault();
      void run(() => this.session.invoke('SetGoal', { kind: kind.value, target: Number(target.value), title: title.value }));
    });
    clear.addEventListener('click', () => void run(() => this.session.invoke('ClearGoal')));
    return form;
  }
}

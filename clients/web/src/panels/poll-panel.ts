import { errorMessage } from '../core/api';
import { el, formatCount } from '../core/dom';
import { pollPercents } from '../core/poll-logic';
import type { RoomSession } from '../core/room-session';
import type { PollEndedEvent, PollStartedEvent, PollTallyEvent, PollView } from '../core/types';

/**
 * The room's poll with live bars. Viewers vote by tapping an option (Vote; tapping another moves the vote); the
 * counts come from the batched `poll_tally` events and the final `poll_ended`. With `staff`, the panel also has the
 * form that starts a poll (StartPoll) and the button that ends it (EndPoll).
 */
export class PollPanel {
  private readonly box: HTMLElement;
  private readonly error: HTMLParagraphElement;
  private poll: PollView | null = null;
  private mine: number | null = null;

  constructor(host: HTMLElement, private readonly session: RoomSession, private readonly staff = false) {
    this.box = el('div', { className: 'poll', attrs: { 'data-testid': 'poll' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    host.append(this.box, this.error);
    if (staff) host.append(this.startForm());
    session.onSnapshot(s => this.show(s.poll ?? null));
    session.on('poll_started', e => {
      const p = e as PollStartedEvent;
      this.mine = null;
      this.show({ pollId: p.pollId, question: p.question, options: p.options, counts: p.options.map(() => 0), total: 0, endsAt: p.endsAt, open: true, winner: null });
    });
    session.on('poll_tally', e => {
      const t = e as PollTallyEvent;
      if (this.poll?.pollId === t.pollId) this.show({ ...this.poll, counts: t.counts, total: t.total });
    });
    session.on('poll_ended', e => {
      const t = e as PollEndedEvent;
      if (this.poll?.pollId === t.pollId) this.show({ ...this.poll, counts: t.counts, total: t.total, open: false, winner: t.winner });
    });
    this.show(null);
  }

  private show(poll: PollView | null): void {
    this.poll = poll;
    this.box.hidden = poll === null;
    if (!poll) {
      this.box.replaceChildren();
      return;
    }
    const percents = pollPercents(poll.counts);
    this.box.dataset.open = String(poll.open);
    const options = poll.options.map((text, i) => {
      const button = el('button', {
        className: `poll-option${this.mine === i ? ' mine' : ''}${poll.winner === i ? ' winner' : ''}`,
        attrs: { type: 'button', 'data-option': String(i), 'aria-label': `Vote ${text}` },
      },
      fill(percents[i]),
      el('span', { className: 'poll-text', text }),
      el('span', { className: 'poll-count', text: `${percents[i]}% · ${formatCount(poll.counts[i] ?? 0)}`, attrs: { 'data-testid': `poll-count-${i}` } }));
      button.disabled = !poll.open || this.staff;
      button.addEventListener('click', () => void this.vote(i));
      return button;
    });
    const end = el('button', { className: 'button small', text: 'End poll', attrs: { type: 'button', 'data-testid': 'end-poll' } });
    end.addEventListener('click', () => void this.run(() => this.session.invoke<void>('EndPoll', poll.pollId)));
    this.box.replaceChildren(
      el('p', { className: 'poll-question', text: poll.question }),
      ...options,
      el('p', { className: 'muted poll-status', attrs: { 'data-testid': 'poll-status' }, text: poll.open ? `${formatCount(poll.total)} votes` : `Final · ${formatCount(poll.total)} votes${poll.winner === null ? '' : ` · ${poll.options[poll.winner]} wins`}` }),
      ...(this.staff && poll.open ? [end] : []));
  }

  private async vote(option: number): Promise<void> {
    if (!this.poll) return;
    const previous = this.mine;
    this.mine = option;
    this.show(this.poll);
    await this.run(() => this.session.invoke<void>('Vote', this.poll!.pollId, option), () => {
      this.mine = previous;
      if (this.poll) this.show(this.poll);
    });
  }

  private async run(action: () => Promise<void>, undo?: () => void): Promise<void> {
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.error.textContent = errorMessage(error);
      undo?.();
    }
  }

  private startForm(): HTMLElement {
    const question = el('input', { attrs: { type: 'text', maxlength: '200', placeholder: 'Ask your viewers…', 'aria-label': 'Poll question', 'data-testid': 'poll-question' } });
    const options = el('textarea', { attrs: { rows: '3', placeholder: 'One option per line (2 to 4)', 'aria-label': 'Poll options', 'data-testid': 'poll-options' } });
    const seconds = el('select', { attrs: { 'aria-label': 'Poll length', 'data-testid': 'poll-seconds' } },
      ...[30, 60, 120, 300].map(s => el('option', { text: s >= 60 ? `${s / 60} min` : `${s} s`, attrs: { value: String(s) } })));
    seconds.value = '60';
    const start = el('button', { className: 'button primary', text: 'Start poll', attrs: { type: 'submit', 'data-testid': 'start-poll' } });
    const form = el('form', { className: 'poll-form' }, question, options, el('div', { className: 'row' }, seconds, start));
    form.addEventListener('submit', e => {
      e.preventDefault();
      const list = options.value.split('\n').map(o => o.trim()).filter(o => o !== '');
      void this.run(async () => {
        await this.session.invoke('StartPoll', question.value, list, Number(seconds.value));
        question.value = '';
        options.value = '';
      });
    });
    return form;
  }
}

/** A bar's fill. Its width is set through CSSOM: the pages' Content-Security-Policy refuses inline style attributes. */
function fill(percent: number): HTMLElement {
  const bar = el('span', { className: 'poll-fill' });
  bar.style.width = `${percent}%`;
  return bar;
}

import { api, errorMessage } from '../core/api';
import { el, formatCount } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { PinnedEvent, QuestionEvent, QuestionView, QuestionVotesEvent } from '../core/types';

/**
 * The room's Q&A: the list (GET /questions at load, then `question` and batched `question_votes` events), most upvoted
 * first. Viewers ask (AskQuestion) and upvote others' questions once (UpvoteQuestion); with `staff` (the studio) each
 * question has Answer (AnswerQuestion), which pins it for everyone.
 */
export class QaPanel {
  private readonly list: HTMLOListElement;
  private readonly error: HTMLParagraphElement;
  private readonly questions = new Map<string, QuestionView>();

  constructor(host: HTMLElement, private readonly session: RoomSession, private readonly myUserId: string, private readonly staff = false) {
    this.list = el('ol', { className: 'qa-list', attrs: { 'data-testid': 'questions' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
    host.append(this.list, this.error);
    if (!staff) host.append(this.askForm());
    session.on('question', e => {
      const q = e as QuestionEvent;
      if (!this.questions.has(q.questionId))
        this.questions.set(q.questionId, { questionId: q.questionId, userId: q.userId ?? '', displayName: q.displayName ?? '', text: q.text, at: q.at, votes: 0, answered: false, upvotedByMe: false });
      this.render();
    });
    session.on('question_votes', e => {
      for (const { questionId, votes } of (e as QuestionVotesEvent).questions) {
        const q = this.questions.get(questionId);
        if (q) q.votes = votes;
      }
      this.render();
    });
    session.on('pinned', e => {
      const item = (e as PinnedEvent).item;
      const q = item.kind === 'question' ? this.questions.get(item.itemId) : undefined;
      if (q) q.answered = true;
      this.render();
    });
    session.onSnapshot(() => void this.load());
    this.render();
  }

  private async load(): Promise<void> {
    try {
      for (const q of await api.questions(this.session.roomId, 'top')) this.questions.set(q.questionId, q);
      this.render();
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }

  private render(): void {
    const sorted = [...this.questions.values()].sort((a, b) => b.votes - a.votes || a.at - b.at);
    this.list.dataset.empty = String(sorted.length === 0);
    this.list.replaceChildren(...sorted.map(q => {
      const upvote = el('button', { className: `qa-upvote${q.upvotedByMe ? ' done' : ''}`, text: `▲ ${formatCount(q.votes)}`, attrs: { type: 'button', 'data-action': 'upvote', 'aria-label': `Upvote: ${q.text}` } });
      upvote.disabled = this.staff || q.upvotedByMe || q.userId === this.myUserId;
      upvote.addEventListener('click', () => void this.run(async () => {
        await this.session.invoke<void>('UpvoteQuestion', q.questionId);
        q.upvotedByMe = true;
        this.render();
      }));
      const answer = el('button', { className: 'button small', text: q.answered ? 'Pin again' : 'Answer', attrs: { type: 'button', 'data-action': 'answer' } });
      answer.addEventListener('click', () => void this.run(() => this.session.invoke<void>('AnswerQuestion', q.questionId)));
      return el('li', { className: `qa-item${q.answered ? ' answered' : ''}`, attrs: { 'data-question': q.questionId } },
        upvote,
        el('div', { className: 'qa-body' }, el('p', { className: 'qa-text', text: q.text }), el('span', { className: 'muted', text: q.answered ? `${q.displayName} · answered` : q.displayName })),
        this.staff ? answer : null);
    }));
  }

  private askForm(): HTMLElement {
    const input = el('input', { attrs: { type: 'text', maxlength: '200', placeholder: 'Ask the creator a question', 'aria-label': 'Question', 'data-testid': 'ask-input' } });
    const ask = el('button', { className: 'button', text: 'Ask', attrs: { type: 'submit', 'data-testid': 'ask' } });
    const form = el('form', { className: 'row qa-form' }, input, ask);
    form.addEventListener('submit', e => {
      e.preventDefault();
      void this.run(async () => {
        await this.session.invoke('AskQuestion', input.value);
        input.value = '';
      });
    });
    return form;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.error.textContent = '';
    try {
      await action();
    } catch (error) {
      this.error.textContent = errorMessage(error);
    }
  }
}

import { errorMessage, isServerRefusal } from '../core/api';
import { el } from '../core/dom';
import type { RoomSession } from '../core/room-session';
import type { CommentReceipt } from '../core/types';

const maxLength = 300;
export const commentPlaceholder = 'Say something…';
const notSent = 'Reconnecting to the live: your comment is kept, send it again once it is back.';
const lostOnTheWay = 'The connection dropped before the live answered: your comment is kept and may not have been sent.';

/** The comment box. The server validates; its short message is shown as is, and the typed text is kept. */
export class CommentBox {
  private readonly form: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly button: HTMLButtonElement;
  private readonly error: HTMLParagraphElement;

  constructor(host: HTMLElement, private readonly session: RoomSession) {
    this.input = el('input', { className: 'comment-input', attrs: { type: 'text', placeholder: commentPlaceholder, maxlength: String(maxLength * 2), autocomplete: 'off', 'aria-label': 'Comment' } });
    this.button = el('button', { className: 'button primary comment-send', text: 'Send', attrs: { type: 'submit' } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert', 'data-testid': 'comment-error' } });
    this.form = el('form', { className: 'comment-box' }, this.input, this.button);
    this.form.addEventListener('submit', e => {
      e.preventDefault();
      void this.send();
    });
    this.input.addEventListener('input', () => this.showError(''));
    host.append(this.form, this.error);
    // Closed until the room is joined: a comment sent before the connection is up would only fail.
    this.setEnabled(false, 'Joining…');
    session.onStatus(status => this.setEnabled(status !== 'ended', status === 'ended' ? 'The live has ended' : commentPlaceholder));
  }

  setEnabled(enabled: boolean, reason: string | null = null): void {
    // An old refusal ("slow mode: wait 3 seconds") says nothing once the box is closed for another reason.
    if (!enabled) this.showError('');
    this.input.disabled = !enabled;
    this.button.disabled = !enabled;
    if (reason) this.input.placeholder = reason;
  }

  private async send(): Promise<void> {
    const text = this.input.value;
    if (!this.session.inRoom) {
      // The connection is down or rejoining: say so in words, not with the client library's error.
      this.showError(notSent);
      return;
    }
    this.button.disabled = true;
    try {
      await this.session.invoke<CommentReceipt>('SendComment', text);
      // Only what was sent: a viewer may already be typing the next comment while this one was on its way.
      if (this.input.value === text) this.input.value = '';
      this.showError('');
    } catch (error) {
      this.showError(isServerRefusal(error) ? errorMessage(error) : lostOnTheWay);
    } finally {
      // Whatever happened meanwhile (ended, muted, banned) decides whether the button is usable again.
      this.button.disabled = this.input.disabled;
      if (!this.input.disabled) this.input.focus();
    }
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = message === '';
  }
}

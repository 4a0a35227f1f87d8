import { api, errorMessage } from '../core/api';
import { el } from '../core/dom';
import { saveSession } from '../core/session';
import type { IssuedToken, Role } from '../core/types';

/** "Pick a display name": asks the server for a guest token and keeps it in this tab's sessionStorage. */
export function signInForm(host: HTMLElement, role: Role, prompt: string, onSignedIn: (session: IssuedToken) => void): void {
  const input = el('input', { attrs: { type: 'text', name: 'name', placeholder: 'Your display name', maxlength: '64', autocomplete: 'nickname', 'aria-label': 'Display name', required: '' } });
  const button = el('button', { className: 'button primary', text: role === 'creator' ? 'Continue as creator' : 'Join as guest', attrs: { type: 'submit' } });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
  error.hidden = true;
  const form = el('form', { className: 'sign-in', attrs: { 'data-testid': 'sign-in' } }, el('p', { className: 'sign-in-prompt', text: prompt }), el('div', { className: 'row' }, input, button), error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    button.disabled = true;
    try {
      const session = await api.signIn(input.value, role);
      saveSession(session);
      form.remove();
      onSignedIn(session);
    } catch (err) {
      error.textContent = errorMessage(err);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  host.append(form);
  input.focus();
}

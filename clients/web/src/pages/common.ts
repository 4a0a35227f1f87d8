import '../styles.css';
import { byId, el } from '../core/dom';
import { clearSession, currentSession } from '../core/session';

/** "Signed in as Ana · sign out" in the top bar. */
export function showUser(): void {
  const host = byId('user');
  host.replaceChildren();
  const session = currentSession();
  if (!session) return;
  const signOut = el('button', { className: 'link-button', text: 'Sign out', attrs: { type: 'button' } });
  signOut.addEventListener('click', () => {
    clearSession();
    location.href = '/';
  });
  host.append(el('span', { className: 'user-name', text: session.displayName, attrs: { 'data-testid': 'user-name' } }), el('span', { className: 'user-role', text: session.role }), signOut);
}

export function fatal(host: HTMLElement, message: string, link = true): void {
  host.replaceChildren(el('section', { className: 'card fatal', attrs: { role: 'alert' } }, el('p', { text: message }), link ? el('a', { className: 'button', text: 'Back to the lobby', attrs: { href: '/' } }) : null));
}

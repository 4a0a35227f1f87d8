import { api, errorMessage } from '../core/api';
import { byId, el, queryParam } from '../core/dom';
import { currentSession, hasRole } from '../core/session';
import { insightsPanel } from '../panels/insights-panel';
import { signInForm } from '../panels/sign-in-form';
import { fatal, showUser } from './common';

const app = byId('app');

/**
 * The creator's Insights page (docs/INSIGHTS.md, "Studio"): one live's charts, figures and CSV, the score with its
 * components and the past lives, each a link to its own figures. Without `?room=` it shows the creator's last live.
 */
async function open(): Promise<void> {
  showUser();
  const session = currentSession();
  if (!session) return;
  try {
    const roomId = queryParam('room') ?? (await api.pastLives(session.userId)).lives[0]?.roomId;
    if (!roomId) {
      fatal(app, 'No finished live yet: go live from the studio, and its figures appear here when it ends.');
      return;
    }
    const host = el('div', { className: 'insights', attrs: { 'data-testid': 'insights' } });
    app.replaceChildren(el('section', { className: 'card panel' },
      el('h1', { text: 'Insights' }),
      el('p', { className: 'muted', text: 'A live\'s figures per minute, your creator score and your past lives.' }),
      host));
    await insightsPanel(host, roomId, session.userId, { studioLink: false }).refresh();
  } catch (error) {
    fatal(app, `Insights cannot be opened: ${errorMessage(error)}`);
  }
}

if (hasRole(currentSession(), 'creator')) void open();
else signInForm(app, 'creator', 'Sign in as the creator whose lives you want to see.', () => void open());

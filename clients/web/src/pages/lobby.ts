import { api, errorMessage } from '../core/api';
import { byId, el, formatCount } from '../core/dom';
import { icon } from '../core/icons';
import { currentSession } from '../core/session';
import type { RoomListing } from '../core/types';
import { signInForm } from '../panels/sign-in-form';
import { showUser } from './common';

const refreshMs = 5000;
const app = byId('app');

const intro = el('section', { className: 'hero' },
  el('h1', { text: 'Live now' }),
  el('p', { className: 'muted', text: 'Watch, chat and send likes in real time.' }));
const creatorEntry = el('aside', { className: 'card creator-entry' },
  el('h2', { text: 'Are you a creator?' }),
  el('p', { className: 'muted', text: 'Create a room, turn on your camera and filters, and go live.' }),
  el('a', { className: 'button', text: 'Create a room', attrs: { href: '/studio.html', 'data-testid': 'create-room-link' } }));
const rooms = el('ul', { className: 'room-grid', attrs: { 'data-testid': 'rooms' } });
const status = el('p', { className: 'muted lobby-status', attrs: { role: 'status' } });
app.append(intro, el('div', { className: 'lobby-layout' }, el('section', { className: 'lobby-rooms' }, status, rooms), creatorEntry));

function card(room: RoomListing): HTMLLIElement {
  const initial = (room.creatorName.trim()[0] ?? '?').toUpperCase();
  return el('li', { className: 'room-card', attrs: { 'data-room': room.roomId } },
    el('a', { className: 'room-link', attrs: { href: `/room.html?room=${encodeURIComponent(room.roomId)}` } },
      el('div', { className: 'room-thumb' }, el('span', { className: 'room-initial', text: initial, attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'live-badge', text: 'LIVE' }), el('span', { className: 'room-viewers', attrs: { title: 'Viewers' } }, icon('eye'), el('span', { className: 'room-viewer-count', text: formatCount(room.viewers) }))),
      el('div', { className: 'room-meta' },
        el('h3', { className: 'room-title', text: room.title }),
        el('p', { className: 'room-creator muted', text: room.creatorName }),
        el('p', { className: 'room-likes muted', text: `♥ ${formatCount(room.likes)}` }))));
}

async function refresh(): Promise<void> {
  try {
    const live = (await api.liveRooms()).sort((a, b) => b.viewers - a.viewers);
    rooms.replaceChildren(...live.map(card));
    status.textContent = live.length === 0 ? 'No one is live right now. Check back soon, or go live yourself.' : '';
  } catch (error) {
    status.textContent = `Could not load the rooms: ${errorMessage(error)}`;
  }
}

function start(): void {
  showUser();
  void refresh();
  setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
  }, refreshMs);
}

if (currentSession()) start();
else signInForm(intro, 'viewer', 'Pick a display name to join the lives.', start);

import { api, errorMessage } from '../core/api';
import { byId, el, formatCount } from '../core/dom';
import { icon } from '../core/icons';
import { currentSession } from '../core/session';
import type { RoomListing } from '../core/types';
import { rankingsPanel } from '../panels/rankings-panel';
import { signInForm } from '../panels/sign-in-form';
import { showUser } from './common';

const refreshMs = 5000;
const app = byId('app');

const intro = el('section', { className: 'hero' },
  el('h1', { text: 'Live now' }),
  el('p', { className: 'muted', text: 'Watch, chat, like and send gifts in real time.' }));
const creatorEntry = el('aside', { className: 'card creator-entry' },
  el('h2', { text: 'Are you a creator?' }),
  el('p', { className: 'muted', text: 'Create a room, turn on your camera and filters, and go live.' }),
  el('a', { className: 'button', text: 'Create a room', attrs: { href: '/studio.html', 'data-testid': 'create-room-link' } }));
const rooms = el('ul', { className: 'room-grid', attrs: { 'data-testid': 'rooms' } });
const status = el('p', { className: 'muted lobby-status', attrs: { role: 'status' } });
const rankings = rankingsPanel();
app.append(intro, el('div', { className: 'lobby-layout' }, el('section', { className: 'lobby-rooms' }, status, rooms),
  el('div', { className: 'lobby-side' }, creatorEntry, rankings.node)));

/** One room's card; kept between refreshes (keyed by room id) so its thumbnail does not flash. */
interface Card {
  item: HTMLLIElement;
  update(room: RoomListing): void;
}

const cards = new Map<string, Card>();

/**
 * The room's latest filtered frame (`/rooms/{id}/thumbnail.jpg`). The creator's initial is the placeholder under it:
 * the picture is shown only once a frame has loaded, and a room without video (404) keeps the placeholder. Each
 * refresh loads the next frame off screen and swaps it in when it has arrived.
 */
function thumbnail(roomId: string): { node: HTMLImageElement; refresh(): void } {
  const node = el('img', { className: 'room-thumb-img', attrs: { alt: '', 'data-testid': 'room-thumbnail' } });
  node.hidden = true;
  const refresh = () => {
    const next = new Image();
    next.addEventListener('load', () => {
      node.src = next.src;
      node.hidden = false;
    });
    // No video (yet, or any more): the placeholder shows.
    next.addEventListener('error', () => (node.hidden = true));
    next.src = `/rooms/${encodeURIComponent(roomId)}/thumbnail.jpg?t=${Math.floor(Date.now() / refreshMs)}`;
  };
  refresh();
  return { node, refresh };
}

function card(room: RoomListing): Card {
  const initial = (room.creatorName.trim()[0] ?? '?').toUpperCase();
  const thumb = thumbnail(room.roomId);
  const viewers = el('span', { className: 'room-viewer-count' });
  const title = el('h3', { className: 'room-title' });
  const creator = el('p', { className: 'room-creator muted' });
  const likes = el('p', { className: 'room-likes muted' });
  const item = el('li', { className: 'room-card', attrs: { 'data-room': room.roomId } },
    el('a', { className: 'room-link', attrs: { href: `/room.html?room=${encodeURIComponent(room.roomId)}` } },
      el('div', { className: 'room-thumb' }, el('span', { className: 'room-initial', text: initial, attrs: { 'aria-hidden': 'true' } }), thumb.node, el('span', { className: 'live-badge', text: 'LIVE' }), el('span', { className: 'room-viewers', attrs: { title: 'Viewers' } }, icon('eye'), viewers)),
      el('div', { className: 'room-meta' }, title, creator, likes)));
  let first = true;
  const update = (r: RoomListing) => {
    viewers.textContent = formatCount(r.viewers);
    title.textContent = r.title;
    creator.textContent = r.creatorName;
    likes.textContent = `♥ ${formatCount(r.likes)}`;
    if (!first) thumb.refresh();
    first = false;
  };
  update(room);
  return { item, update };
}

async function refresh(): Promise<void> {
  try {
    const live = (await api.liveRooms()).sort((a, b) => b.viewers - a.viewers);
    const items = live.map(room => {
      let existing = cards.get(room.roomId);
      if (existing) existing.update(room);
      else cards.set(room.roomId, (existing = card(room)));
      return existing.item;
    });
    for (const id of [...cards.keys()]) if (!live.some(r => r.roomId === id)) cards.delete(id);
    rooms.replaceChildren(...items);
    status.textContent = live.length === 0 ? 'No one is live right now. Check back soon, or go live yourself.' : '';
  } catch (error) {
    status.textContent = `Could not load the rooms: ${errorMessage(error)}`;
  }
}

function start(): void {
  showUser();
  void refresh();
  void rankings.refresh();
  setInterval(() => {
    if (document.visibilityState === 'visible') void refresh();
    if (document.visibilityState === 'visible') void rankings.refresh();
  }, refreshMs);
}

if (currentSession()) start();
else signInForm(intro, 'viewer', 'Pick a display name to join the lives.', start);

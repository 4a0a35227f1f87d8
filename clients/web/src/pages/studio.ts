import { insightsPanel } from '../panels/insights-panel';
import { api, errorMessage } from '../core/api';
import { byId, el, queryParam } from '../core/dom';
import { LiveConnection } from '../core/live-connection';
import { RoomSession } from '../core/room-session';
import { currentSession, hasRole } from '../core/session';
import type { RoomSnapshot, RoomStatus } from '../core/types';
import { BattleBar } from '../panels/battle-bar';
import { BattleControls } from '../panels/battle-controls';
import { CameraIngest } from '../panels/camera-ingest';
import { CommentBox } from '../panels/comment-box';
import { CommentFeed } from '../panels/comment-feed';
import { EffectTicker } from '../panels/effect-ticker';
import { FilterPicker } from '../panels/filter-picker';
import { GiftEffectsStudio } from '../panels/gift-effects-studio';
import { GiftAnimations } from '../panels/gift-animations';
import { GoalBar } from '../panels/goal-bar';
import { HeldReview } from '../panels/held-review';
import { LiveStats } from '../panels/live-stats';
import { ModerationSettings } from '../panels/moderation-settings';
import { PinnedItem } from '../panels/pinned-item';
import { PollPanel } from '../panels/poll-panel';
import { QaPanel } from '../panels/qa-panel';
import { RoomBanner } from '../panels/room-banner';
import { signInForm } from '../panels/sign-in-form';
import { TopGifters } from '../panels/top-gifters';
import { VideoPanel } from '../panels/video-panel';
import { fatal, showUser } from './common';

const app = byId('app');

function panel(title: string, ...children: HTMLElement[]): HTMLElement {
  return el('section', { className: 'card panel' }, el('h2', { text: title }), ...children);
}

/** Step 1: name the room. */
function createRoomForm(): void {
  const input = el('input', { attrs: { type: 'text', placeholder: 'What is your live about?', maxlength: '200', 'aria-label': 'Room title', 'data-testid': 'room-title-input' } });
  const button = el('button', { className: 'button primary', text: 'Create room', attrs: { type: 'submit' } });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
  error.hidden = true;
  const form = el('form', { className: 'card create-room' }, el('h1', { text: 'Create a room' }), el('div', { className: 'row' }, input, button), error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    button.disabled = true;
    try {
      const room = await api.createRoom(input.value);
      history.replaceState(null, '', `/studio.html?room=${encodeURIComponent(room.roomId)}`);
      form.remove();
      await studio(room);
    } catch (err) {
      error.textContent = errorMessage(err);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  app.append(form);
  input.focus();
}

/** Go live / end live, with a second click to confirm the end (ending is final). */
function liveControls(host: HTMLElement, roomId: string, status: () => RoomStatus | null, onStatus: (s: RoomStatus) => void): (s: RoomStatus) => void {
  const pill = el('span', { className: 'status-pill', attrs: { 'data-testid': 'room-status' } });
  const goLive = el('button', { className: 'button primary', text: 'Go live', attrs: { type: 'button', 'data-testid': 'go-live' } });
  const end = el('button', { className: 'button danger', text: 'End live', attrs: { type: 'button', 'data-testid': 'end-live' } });
  const error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
  error.hidden = true;
  let confirmTimer: ReturnType<typeof setTimeout> | null = null;
  const run = async (action: () => Promise<RoomSnapshot>) => {
    goLive.disabled = end.disabled = true;
    try {
      onStatus((await action()).status);
      error.hidden = true;
    } catch (err) {
      error.textContent = errorMessage(err);
      error.hidden = false;
    } finally {
      render(status() ?? 'created');
    }
  };
  goLive.addEventListener('click', () => void run(() => api.startRoom(roomId)));
  end.addEventListener('click', () => {
    if (!confirmTimer) {
      end.textContent = 'Click again to end';
      confirmTimer = setTimeout(() => {
        confirmTimer = null;
        end.textContent = 'End live';
      }, 4000);
      return;
    }
    clearTimeout(confirmTimer);
    confirmTimer = null;
    void run(() => api.endRoom(roomId));
  });
  const render = (s: RoomStatus) => {
    pill.textContent = s === 'live' ? 'LIVE' : s === 'ended' ? 'Ended' : 'Not live';
    pill.dataset.status = s;
    goLive.hidden = s !== 'created';
    end.hidden = s !== 'live';
    goLive.disabled = end.disabled = false;
    if (s !== 'live') end.textContent = 'End live';
  };
  host.append(el('div', { className: 'live-controls' }, pill, goLive, end), error);
  return render;
}

/** Step 2: the studio for one room. */
async function studio(room: RoomSnapshot): Promise<void> {
  document.title = `Studio · ${room.title}`;
  const connection = new LiveConnection();
  const session = new RoomSession(room.roomId, connection);

  const header = el('section', { className: 'card studio-header' },
    el('div', {}, el('h1', { text: room.title, attrs: { 'data-testid': 'room-title' } }),
      el('p', { className: 'muted' }, 'Viewers watch at ', el('a', { text: `room.html?room=${room.roomId}`, attrs: { href: `/room.html?room=${encodeURIComponent(room.roomId)}`, target: '_blank', rel: 'noopener', 'data-testid': 'viewer-link' } }))));
  const render = liveControls(header, room.roomId, () => session.status, s => render(s));
  session.onStatus(render);
  render(room.status);

  const cameraHost = el('div');
  const previewHost = el('div', { className: 'stage studio-preview' });
  const filtersHost = el('div');
  const effectsHost = el('div', { attrs: { 'data-testid': 'gift-effects-panel' } });
  const statsHost = el('div');
  const giftersHost = el('div');
  const feedHost = el('div', { className: 'feed' });
  const boxHost = el('div', { className: 'actions' });
  const rulesHost = el('div', { className: 'settings' });
  const battleHost = el('div');
  const pollHost = el('div');
  const qaHost = el('div');
  const goalHost = el('div');
  const heldHost = el('div');
  const insightsHost = el('div', { className: 'insights', attrs: { 'data-testid': 'insights' } });
  const left = el('div', { className: 'studio-col' }, panel('Camera', cameraHost), panel('What viewers see', previewHost), panel('Filters', filtersHost),
    panel('Gift effects', effectsHost), panel('Poll', pollHost), panel('LIVE goal', goalHost));
  const right = el('div', { className: 'studio-col' }, panel('Live stats', statsHost, giftersHost), panel('Comments and gifts', feedHost, boxHost),
    panel('Q&A and pin', qaHost), panel('Held comments', heldHost), panel('Room rules', rulesHost), panel('Gift battle', battleHost));
  app.append(header, el('div', { className: 'studio-layout' }, left, right), panel('Insights', insightsHost));
  const insights = insightsPanel(insightsHost, room.roomId, room.creatorId);
  void insights.refresh();
  setInterval(() => {
    if (document.visibilityState === 'visible') void insights.refresh();
  }, 15_000);

  const camera = new CameraIngest(cameraHost, room.roomId);
  const preview = new VideoPanel(previewHost, room.roomId, 'The filtered video appears here when the server receives your camera');
  new RoomBanner(previewHost, session, connection, 'creator');
  // Battle bar and gift cards stack in one column over the preview, as on the viewer page.
  const battleSlot = el('div', { className: 'stage-battle' });
  const overlay = el('div', { className: 'stage-overlay' }, battleSlot);
  previewHost.append(overlay);
  new BattleBar(battleSlot, session);
  new GiftAnimations(previewHost, session, overlay);
  new FilterPicker(filtersHost, session);
  new GiftEffectsStudio(effectsHost, session);
  new EffectTicker(overlay, session);
  new LiveStats(statsHost, session, room.creatorId);
  new TopGifters(giftersHost, session, 10);
  // The creator moderates from the feed: delete, mute and ban on every viewer's comment.
  const feed = new CommentFeed(feedHost, session, { moderateAs: room.creatorId });
  new CommentBox(boxHost, session);
  new ModerationSettings(rulesHost, session);
  new BattleControls(battleHost, session);
  new PollPanel(pollHost, session, true);
  new GoalBar(goalHost, session, true);
  new PinnedItem(qaHost, session, true);
  new QaPanel(qaHost, session, room.creatorId, true);
  new HeldReview(heldHost, session);
  session.onStatus(status => camera.setLive(status === 'live'));
  session.onStatus(status => {
    if (status !== 'ended') return;
    feed.notice('Your live has ended.');
    // The final figures are stored within a few seconds of the end.
    setTimeout(() => void insights.refresh(), 6_000);
    camera.stop();
    preview.stop();
  });
  await connection.start();
}

async function open(): Promise<void> {
  showUser();
  const roomId = queryParam('room');
  if (!roomId) {
    createRoomForm();
    return;
  }
  try {
    const room = await api.room(roomId);
    if (room.creatorId !== currentSession()?.userId) {
      fatal(app, 'Only the creator of this room can open its studio.');
      return;
    }
    await studio(room);
  } catch (error) {
    fatal(app, `This room cannot be opened: ${errorMessage(error)}`);
  }
}

if (hasRole(currentSession(), 'creator')) void open();
else signInForm(app, 'creator', 'Pick the name your viewers will see.', () => void open());

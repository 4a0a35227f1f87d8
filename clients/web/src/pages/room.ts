import { api, errorMessage } from '../core/api';
import { byId, el, queryParam } from '../core/dom';
import { LiveConnection } from '../core/live-connection';
import { RoomSession } from '../core/room-session';
import { currentSession } from '../core/session';
import { CommentBox } from '../panels/comment-box';
import { BattleBar } from '../panels/battle-bar';
import { ClipPanel } from '../panels/clip-panel';
import { CommentFeed } from '../panels/comment-feed';
import { EffectTicker } from '../panels/effect-ticker';
import { GiftAnimations } from '../panels/gift-animations';
import { GiftPanel } from '../panels/gift-panel';
import { GoalBar } from '../panels/goal-bar';
import { LikeButton } from '../panels/like-button';
import { PinnedItem } from '../panels/pinned-item';
import { PollPanel } from '../panels/poll-panel';
import { QaPanel } from '../panels/qa-panel';
import { RoomBanner } from '../panels/room-banner';
import { signInForm } from '../panels/sign-in-form';
import { TopGifters } from '../panels/top-gifters';
import { VideoPanel } from '../panels/video-panel';
import { ViewerCount } from '../panels/viewer-count';
import { ViewerRestrictions } from '../panels/viewer-restrictions';
import { fatal, showUser } from './common';

const app = byId('app');
const roomId = queryParam('room');

/**
 * The viewer page. Each panel is its own module wired to the room session: video, comments and gifts feed, comment
 * box, likes, gift tray and gift animations, top gifters, battle bar, and what moderators did to this viewer.
 */
async function watch(roomId: string): Promise<void> {
  showUser();
  // Check the room exists before opening a connection, so a bad link gets a clear message.
  let title: string;
  let creator: string;
  try {
    const room = await api.room(roomId);
    title = room.title;
    creator = room.creatorName;
  } catch (error) {
    if (errorMessage(error) !== 'you are banned from this room') {
      fatal(app, `This room cannot be watched: ${errorMessage(error)}`);
      return;
    }
    // A banned viewer may not read the room, not even its title. The page still opens: its join is refused the same
    // way, which shows the "removed" state with everything disabled, as when the ban came while watching.
    title = 'This live';
    creator = '';
  }
  document.title = `${title} · LiveInteract`;

  const stage = el('section', { className: 'stage' });
  const overlayRight = el('div', { className: 'stage-right' });
  const overlayTop = el('div', { className: 'stage-top' },
    el('div', { className: 'stage-host' }, el('h1', { className: 'stage-title', text: title, attrs: { 'data-testid': 'room-title' } }), el('p', { className: 'stage-creator', text: creator })),
    overlayRight);
  const battleHost = el('div', { className: 'stage-battle' });
  const goalHost = el('div', { className: 'stage-goal' });
  // Interactive LIVE: the pinned item and the poll above the feed, the Q&A folded beneath them.
  const interactive = el('div', { className: 'interactive' });
  const qaHost = el('div');
  const qa = el('details', { className: 'qa', attrs: { 'data-testid': 'qa-panel' } }, el('summary', { text: 'Q&A' }), qaHost);
  const videoHost = el('div', { className: 'stage-video' });
  const hearts = el('div', { className: 'stage-hearts' });
  const side = el('section', { className: 'side' });
  const feed = el('div', { className: 'feed' });
  const trayHost = el('div', { className: 'tray-host' });
  const actions = el('div', { className: 'actions' });
  // Title row, battle bar and gift cards stack in one column over the video, so they never overlap.
  const overlay = el('div', { className: 'stage-overlay' }, overlayTop, battleHost, goalHost);
  stage.append(videoHost, overlay, hearts);
  side.append(interactive, qa, feed, trayHost, actions);
  app.append(stage, side);

  const connection = new LiveConnection();
  const session = new RoomSession(roomId, connection);
  const video = new VideoPanel(videoHost, roomId);
  new ViewerCount(overlayRight, session);
  new TopGifters(overlayRight, session, 3);
  new BattleBar(battleHost, session);
  new GoalBar(goalHost, session);
  new PinnedItem(interactive, session);
  new PollPanel(interactive, session);
  new QaPanel(qaHost, session, currentSession()!.userId);
  new GiftAnimations(stage, session, overlay);
  new EffectTicker(overlay, session);
  new RoomBanner(stage, session, connection, 'viewer');
  const comments = new CommentFeed(feed, session);
  const box = new CommentBox(actions, session);
  const like = new LikeButton(actions, hearts, session);
  new GiftPanel(actions, trayHost, session);
  new ClipPanel(side, roomId);
  new ViewerRestrictions(actions, session, box, currentSession()!.userId);
  session.onRemoved(() => {
    like.disable();
    video.stop();
  });
  session.onStatus(status => {
    if (status !== 'ended') return;
    comments.notice('The live has ended.');
    video.stop();
    // Nothing more will come: let the connection go instead of keeping it (and its reconnects) alive.
    void connection.stop();
  });
  await connection.start();
}

if (!roomId) fatal(app, 'No room given. Pick a live in the lobby.');
else if (currentSession()) void watch(roomId);
else signInForm(app, 'viewer', 'Pick a display name to join this live.', () => void watch(roomId));

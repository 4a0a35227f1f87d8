import { api, errorMessage } from '../core/api';
import { byId, el, queryParam } from '../core/dom';
import { LiveConnection } from '../core/live-connection';
import { RoomSession } from '../core/room-session';
import { currentSession } from '../core/session';
import { CommentBox } from '../panels/comment-box';
import { CommentFeed } from '../panels/comment-feed';
import { LikeButton } from '../panels/like-button';
import { RoomBanner } from '../panels/room-banner';
import { signInForm } from '../panels/sign-in-form';
import { VideoPanel } from '../panels/video-panel';
import { ViewerCount } from '../panels/viewer-count';
import { fatal, showUser } from './common';

const app = byId('app');
const roomId = queryParam('room');

/**
 * The viewer page. Each panel is its own module wired to the room session; panels for features the server
 * adds later (gifts, top gifters, battles, moderation notices) attach the same way.
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
    fatal(app, `This room cannot be watched: ${errorMessage(error)}`);
    return;
  }
  document.title = `${title} · LiveInteract`;

  const stage = el('section', { className: 'stage' });
  const overlayTop = el('div', { className: 'stage-top' },
    el('div', { className: 'stage-host' }, el('h1', { className: 'stage-title', text: title, attrs: { 'data-testid': 'room-title' } }), el('p', { className: 'stage-creator', text: creator })));
  const videoHost = el('div', { className: 'stage-video' });
  const hearts = el('div', { className: 'stage-hearts' });
  const side = el('section', { className: 'side' });
  const feed = el('div', { className: 'feed' });
  const actions = el('div', { className: 'actions' });
  stage.append(videoHost, overlayTop, hearts);
  side.append(feed, actions);
  app.append(stage, side);

  const connection = new LiveConnection();
  const session = new RoomSession(roomId, connection);
  const video = new VideoPanel(videoHost, roomId);
  new ViewerCount(overlayTop, session);
  new RoomBanner(stage, session, connection, 'viewer');
  const comments = new CommentFeed(feed, session);
  new CommentBox(actions, session);
  new LikeButton(actions, hearts, session);
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

// Wire shapes of the LiveInteract protocol (SignalR JSON and REST are camelCase), mirroring
// src/LiveInteract.Contracts. Event payload fields sit beside the common ones; `type` names the shape.

export type RoomStatus = 'created' | 'live' | 'ended';

export interface RoomCounters {
  viewers: number;
  likes: number;
  comments: number;
}

export interface FilterSpec {
  kind: string;
  /** The server keeps options as strings (Dictionary<string, string>). */
  options?: Record<string, string> | null;
}

interface EventBase {
  seq: number;
  at: number;
  userId: string | null;
  displayName: string | null;
}

export interface CommentEvent extends EventBase {
  type: 'comment';
  commentId: string;
  text: string;
}

export interface StatusEvent extends EventBase {
  type: 'status';
  status: RoomStatus;
}

export interface FiltersEvent extends EventBase {
  type: 'filters';
  filters: FilterSpec[];
}

export type GiftTier = 'small' | 'medium' | 'large' | 'epic';

/** One entry of GET /api/gifts; `coins` is the price of one. */
export interface Gift {
  id: string;
  name: string;
  coins: number;
  tier: GiftTier;
}

/** A paid gift in the room stream: `coins` is price x count; repeats within the combo window share `comboId`. */
export interface GiftEvent extends EventBase {
  type: 'gift';
  giftId: string;
  name: string;
  coins: number;
  count: number;
  tier: GiftTier;
  comboId: string;
  comboCount: number;
  roomTotal: number;
}

export interface TopGifter {
  userId: string;
  displayName: string;
  coins: number;
}

/** The top 10 changed (new entrant, order or sum). */
export interface GiftBoardEvent extends EventBase {
  type: 'gift_board';
  top: TopGifter[];
  totalCoins: number;
}

export interface GiftBoardView {
  top: TopGifter[];
  totalCoins: number;
  giftCount: number;
  battleId: string | null;
}

export type BattleStatus = 'invited' | 'running' | 'ended' | 'declined';

export interface BattleSide {
  roomId: string;
  creatorId: string;
  score: number;
}

/** Both battling rooms get these (also the body of GET /api/battles/{id}). */
export interface Battle {
  battleId: string;
  status: BattleStatus;
  sides: BattleSide[];
  endsAt: number | null;
  winnerRoomId: string | null;
  endReason: string | null;
}

export interface BattleEvent extends EventBase, Battle {
  type: 'battle';
}

export interface CommentDeletedEvent extends EventBase {
  type: 'comment_deleted';
  commentId: string;
}

/** `until` <= `at` means the mute was lifted. */
export interface UserMutedEvent extends EventBase {
  type: 'user_muted';
  targetUserId: string;
  until: number;
}

export interface UserBannedEvent extends EventBase {
  type: 'user_banned' | 'user_unbanned';
  targetUserId: string;
}

export interface SlowModeEvent extends EventBase {
  type: 'slow_mode';
  seconds: number;
}

export interface BlockedWordsEvent extends EventBase {
  type: 'blocked_words';
  count: number;
}

/** One line of the gift-effect mapping (SetGiftEffects): gift `giftId` shows `filter` on the creator's video for `seconds`. */
export interface GiftEffect {
  giftId: string;
  /** A sticker, a look or an overlay; an overlay's text may use {sender} and {gift}. */
  filter: FilterSpec;
  seconds: number;
}

/** A mapped gift (or the creator's preview) triggered `filter` on the video: the sender is userId/displayName. */
export interface EffectEvent extends EventBase {
  type: 'effect';
  giftId: string;
  giftName: string;
  filter: FilterSpec;
  seconds: number;
  comboId: string;
  comboCount: number;
  preview?: boolean;
}

export interface GiftEffectsEvent extends EventBase {
  type: 'gift_effects';
  effects: GiftEffect[];
}

/** Event types this client knows; newer servers may send others, which panels ignore unless they handle them. */
export type KnownEvent = CommentEvent | StatusEvent | FiltersEvent | GiftEvent | GiftBoardEvent | BattleEvent | CommentDeletedEvent | UserMutedEvent | UserBannedEvent | SlowModeEvent | BlockedWordsEvent
  | PollStartedEvent | PollTallyEvent | PollEndedEvent | QuestionEvent | QuestionVotesEvent | PinnedEvent | GoalEvent
  | EffectEvent | GiftEffectsEvent;
export type RoomEvent = KnownEvent | (EventBase & { type: string; [field: string]: unknown });

export interface EventBatch {
  roomId: string;
  events: RoomEvent[];
  counters: RoomCounters | null;
  /** Comments accepted since the previous batch but not shown: the room is over its display rate and samples them. */
  sampled: number;
}

export interface RoomSnapshot {
  roomId: string;
  title: string;
  creatorId: string;
  creatorName: string;
  status: RoomStatus;
  counters: RoomCounters;
  lastSeq: number;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  events: RoomEvent[];
  replayComplete: boolean;
  filters: FilterSpec[];
  gifts?: GiftBoardView | null;
  media?: MediaStatus | null;
  poll?: PollView | null;
  pinned?: PinnedItem | null;
  goal?: GoalView | null;
  giftEffects?: GiftEffect[] | null;
}

/** A clip of the room's video (POST /api/rooms/{roomId}/clips), an animated GIF served without a token at url. */
export interface ClipInfo {
  clipId: string;
  url: string;
  seconds: number;
  frames: number;
  width: number;
  height: number;
  createdBy: string;
  createdAt: number;
}

/** The room's video health as its pipeline last reported it, with the newest clips first. */
export interface MediaStatus {
  ingesting: boolean;
  framesProcessed: number;
  clips?: ClipInfo[] | null;
}

export interface RoomListing {
  roomId: string;
  title: string;
  creatorId: string;
  creatorName: string;
  viewers: number;
  likes: number;
  startedAt: number | null;
}

/** GET /api/rooms/{roomId}/insights and the creator's history (docs/INSIGHTS.md). */
export interface LiveHeadline {
  peakViewers: number;
  averageViewers: number;
  uniqueViewers: number;
  averageWatchMs: number;
  newViewers: number;
  returningViewers: number;
  comments: number;
  likes: number;
  gifts: number;
  giftCoins: number;
  viewerMinutes: number;
  deletedComments: number;
  bans: number;
  mutes: number;
  durationMs: number;
}

export interface InsightsMinute {
  minute: number;
  peakViewers: number;
  averageViewers: number;
  joins: number;
  comments: number;
  likes: number;
  gifts: number;
  giftCoins: number;
  moderationActions: number;
}

export interface RoomInsights {
  roomId: string;
  creatorId: string;
  title: string;
  startedAt: number | null;
  endedAt: number | null;
  headline: LiveHeadline;
  minutes: InsightsMinute[];
  giftsByType: GiftTotal[];
  topGifters: GifterTotal[];
  moderation: ModerationCount[];
  viewersCapped: boolean;
  currentViewers: number;
  polls: PollOutcome[];
  questions: QuestionsOutcome;
  goals: GoalOutcome[];
}

/** One poll of a live: votes per option (final once ended), the winner's index or the tied ones. */
export interface PollOutcome {
  pollId: string;
  question: string;
  options: PollOptionResult[];
  totalVotes: number;
  winners: number[];
  startedAt: number;
  endedAt: number | null;
}

export interface PollOptionResult {
  text: string;
  votes: number;
}

export interface QuestionsOutcome {
  asked: number;
  answered: number;
  answeredShare: number;
  topAnswered: AnsweredQuestion[];
}

export interface AnsweredQuestion {
  questionId: string;
  text: string;
  votes: number;
  answeredAt: number;
}

export interface GoalOutcome {
  goalId: string;
  kind: string;
  title: string;
  target: number;
  progress: number;
  reached: boolean;
  reachedAt: number | null;
  setAt: number;
}

export interface GiftTotal {
  giftId: string;
  name: string;
  count: number;
  coins: number;
}

export interface GifterTotal {
  userId: string;
  displayName: string;
  coins: number;
  gifts: number;
}

export interface ModerationCount {
  action: string;
  count: number;
}

export interface PastLive {
  roomId: string;
  title: string;
  startedAt: number;
  endedAt: number;
  headline: LiveHeadline;
}

export interface PastLivePage {
  lives: PastLive[];
  total: number;
  offset: number;
  limit: number;
}

export interface ScoreComponent {
  name: string;
  value: number;
  weight: number;
  figure: number;
  explanation: string;
}

export interface CreatorScore {
  creatorId: string;
  score: number;
  components: ScoreComponent[];
  livesCounted: number;
  computedAt: number;
}

/** GET /api/rankings (docs/INSIGHTS.md): the current UTC window of a period, highest coins first. */
export type RankingBoard = 'creators' | 'gifters';
export type RankingPeriod = 'hour' | 'day' | 'week';

export interface RankingEntry {
  rank: number;
  userId: string;
  displayName: string;
  coins: number;
}

export interface Ranking {
  board: RankingBoard;
  period: RankingPeriod;
  windowStart: number;
  windowEnd: number;
  entries: RankingEntry[];
}

export interface CommentReceipt {
  commentId: string;
  seq: number;
  /** Held by the keyword filter for review: not published, seq 0. */
  held: boolean;
  /** Counted but not shown to the room (a flood above its display rate), seq 0. */
  sampled: boolean;
}

export type Role = 'viewer' | 'creator';

export interface IssuedToken {
  token: string;
  userId: string;
  displayName: string;
  role: Role;
  expiresAt: number;
}

export interface Wallet {
  userId: string;
  balance: number;
  toppedUp: number;
  spent: number;
  pendingDeliveries: number;
}

export interface GiftReceipt {
  idempotencyKey: string;
  roomId: string;
  giftId: string;
  count: number;
  coins: number;
  balance: number;
  at: number;
  transferSeq: number;
}

export interface CreatorEarnings {
  userId: string;
  coins: number;
  gifts: number;
}

export interface ModerationRecord {
  id: number;
  at: number;
  actorId: string;
  actorName: string;
  action: string;
  targetUserId: string | null;
  detail: string | null;
}

export interface ModerationPage {
  items: ModerationRecord[];
  nextBefore: number | null;
}

// Interactive LIVE (docs/PROTOCOL.md "Interactive LIVE").

export interface PollView {
  pollId: string;
  question: string;
  options: string[];
  counts: number[];
  total: number;
  endsAt: number;
  open: boolean;
  winner: number | null;
}

export interface PollStartedEvent extends EventBase {
  type: 'poll_started';
  pollId: string;
  question: string;
  options: string[];
  endsAt: number;
}

export interface PollTallyEvent extends EventBase {
  type: 'poll_tally';
  pollId: string;
  counts: number[];
  total: number;
}

export interface PollEndedEvent extends EventBase {
  type: 'poll_ended';
  pollId: string;
  counts: number[];
  total: number;
  winner: number | null;
  tied: number[];
}

export interface QuestionView {
  questionId: string;
  userId: string;
  displayName: string;
  text: string;
  at: number;
  votes: number;
  answered: boolean;
  upvotedByMe: boolean;
}

export interface QuestionEvent extends EventBase {
  type: 'question';
  questionId: string;
  text: string;
}

export interface QuestionVotesEvent extends EventBase {
  type: 'question_votes';
  questions: { questionId: string; votes: number }[];
}

export interface PinnedItem {
  kind: 'question' | 'comment';
  itemId: string;
  text: string;
  userId: string | null;
  displayName: string | null;
  pinnedAt: number;
}

export interface PinnedEvent extends EventBase {
  type: 'pinned';
  item: PinnedItem;
}

export interface GoalView {
  goalId: string;
  kind: 'coins' | 'likes';
  title: string;
  target: number;
  progress: number;
  reached: boolean;
}

export interface GoalEvent extends EventBase {
  type: 'goal' | 'goal_reached';
  goal: GoalView;
}

export interface HeldComment {
  heldId: string;
  userId: string;
  displayName: string;
  text: string;
  at: number;
  expiresAt: number;
}

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

/** Event types this client knows; newer servers may send others, which panels ignore unless they handle them. */
export type KnownEvent = CommentEvent | StatusEvent | FiltersEvent;
export type RoomEvent = KnownEvent | (EventBase & { type: string; [field: string]: unknown });

export interface EventBatch {
  roomId: string;
  events: RoomEvent[];
  counters: RoomCounters | null;
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

export interface CommentReceipt {
  commentId: string;
  seq: number;
}

export type Role = 'viewer' | 'creator';

export interface IssuedToken {
  token: string;
  userId: string;
  displayName: string;
  role: Role;
  expiresAt: number;
}

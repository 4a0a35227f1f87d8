import { currentSession } from './session';
import type { Battle, ClipInfo, CreatorEarnings, CreatorScore, PastLivePage, RoomInsights, Gift, HeldComment, IssuedToken, ModerationPage, QuestionView, Ranking, RankingBoard, RankingPeriod, Role, RoomListing, RoomSnapshot, Wallet } from './types';

/** A refused REST call, with the server's short, user-safe message (problem JSON "title") and stable code. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | null) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const session = currentSession();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('cannot reach the server', 0, null);
  }
  if (!response.ok) {
    let message = response.status === 401 ? 'sign in first' : `request failed (${response.status})`;
    let code: string | null = null;
    try {
      const problem = (await response.json()) as { title?: string; code?: string };
      if (problem.title) message = problem.title;
      code = problem.code ?? null;
    } catch {
      // Not problem JSON: keep the status message.
    }
    throw new ApiError(message, response.status, code);
  }
  return (await response.json()) as T;
}

export const api = {
  signIn: (name: string, role: Role) => call<IssuedToken>('POST', '/api/auth/token', { name, role }),
  insights: (roomId: string) => call<RoomInsights>('GET', `/api/rooms/${encodeURIComponent(roomId)}/insights`),
  pastLives: (userId: string, offset = 0, limit = 10) =>
    call<PastLivePage>('GET', `/api/creators/${encodeURIComponent(userId)}/lives?offset=${offset}&limit=${limit}`),
  score: (userId: string) => call<CreatorScore>('GET', `/api/creators/${encodeURIComponent(userId)}/score`),
  liveRooms: () => call<RoomListing[]>('GET', '/api/rooms'),
  rankings: (board: RankingBoard, period: RankingPeriod, limit = 5) =>
    call<Ranking>('GET', `/api/rankings?board=${board}&period=${period}&limit=${limit}`),
  room: (roomId: string) => call<RoomSnapshot>('GET', `/api/rooms/${encodeURIComponent(roomId)}`),
  createRoom: (title: string) => call<RoomSnapshot>('POST', '/api/rooms', { title }),
  startRoom: (roomId: string) => call<RoomSnapshot>('POST', `/api/rooms/${encodeURIComponent(roomId)}/start`),
  endRoom: (roomId: string) => call<RoomSnapshot>('POST', `/api/rooms/${encodeURIComponent(roomId)}/end`),
  gifts: () => call<Gift[]>('GET', '/api/gifts'),
  wallet: () => call<Wallet>('GET', '/api/wallet'),
  topUp: (coins: number) => call<Wallet>('POST', '/api/wallet/topup', { coins }),
  earnings: (userId: string) => call<CreatorEarnings>('GET', `/api/creators/${encodeURIComponent(userId)}/earnings`),
  battle: (battleId: string) => call<Battle>('GET', `/api/battles/${encodeURIComponent(battleId)}`),
  inviteBattle: (roomId: string, opponentRoomId: string, durationSeconds: number) => call<Battle>('POST', '/api/battles', { roomId, opponentRoomId, durationSeconds }),
  acceptBattle: (battleId: string) => call<Battle>('POST', `/api/battles/${encodeURIComponent(battleId)}/accept`),
  declineBattle: (battleId: string) => call<Battle>('POST', `/api/battles/${encodeURIComponent(battleId)}/decline`),
  clip: (roomId: string, seconds: number) => call<ClipInfo>('POST', `/api/rooms/${encodeURIComponent(roomId)}/clips`, { seconds }),
  questions: (roomId: string, sort: 'top' | 'new' = 'top') => call<QuestionView[]>('GET', `/api/rooms/${encodeURIComponent(roomId)}/questions?sort=${sort}`),
  held: (roomId: string) => call<HeldComment[]>('GET', `/api/rooms/${encodeURIComponent(roomId)}/held`),
  moderationLog: (roomId: string, limit = 50) => call<ModerationPage>('GET', `/api/rooms/${encodeURIComponent(roomId)}/moderation?limit=${limit}`),
};

/**
 * True when the server answered the call with a refusal (a HubException or an authorization failure), false when
 * the call never got an answer (connection closed, not connected): only the latter may be retried, and a gift only
 * with the same idempotency key.
 */
export function isServerRefusal(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /HubException: |on the server|Failed to invoke/.test(text);
}

/** The user-facing part of a hub or REST error: SignalR prefixes HubException messages with invocation details. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const marker = 'HubException: ';
  const at = text.lastIndexOf(marker);
  return at >= 0 ? text.slice(at + marker.length) : text;
}

import type { IssuedToken, Role } from './types';

// The guest token lives in sessionStorage: per tab, gone when the tab closes, never in a cookie.
const key = 'liveinteract.session';

export function currentSession(): IssuedToken | null {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as IssuedToken;
    // A token about to expire is as good as none: ask for a new one rather than fail mid-live.
    if (!session.token || session.expiresAt < Date.now() + 60_000) {
      sessionStorage.removeItem(key);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

export function saveSession(session: IssuedToken): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(key);
}

export function hasRole(session: IssuedToken | null, role: Role): session is IssuedToken {
  return session !== null && (role === 'viewer' || session.role === role);
}

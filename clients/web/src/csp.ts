/**
 * The Content-Security-Policy of every page. Scripts and styles only from this origin (no inline code, no eval),
 * so a comment that somehow contained markup could not run. connect-src allows the SignalR WebSocket and the
 * ingest WebSocket; media-src blob: is what hls.js (Media Source Extensions) plays from; img-src covers the
 * MJPEG preview. Nothing may frame-embed plugins or change the base URL.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

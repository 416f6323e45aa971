/**
 * Which browser origins may use the session cookie: the origin of PUBLIC_URL (or, without it,
 * the server's own address as the request names it), plus localhost and 127.0.0.1 on any port
 * in development and test (the Vite dev server). A request without `Origin` is not a browser's
 * cross-site request (browsers send it on websocket upgrades and on unsafe cross-origin
 * fetches) and passes here; CSRF tokens cover the rest.
 */
export type OriginCheck = (origin: string | undefined, host: string | undefined) => boolean;

const LOCAL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function originPolicy(config: {
  env: 'development' | 'production' | 'test';
  http: { publicUrl: string | undefined };
}): OriginCheck {
  const publicOrigin = config.http.publicUrl ? new URL(config.http.publicUrl).origin : undefined;
  const local = config.env !== 'production';
  return (origin, host) => {
    if (origin === undefined) return true;
    if (publicOrigin) {
      if (origin === publicOrigin) return true;
    } else if (host) {
      try {
        if (new URL(origin).host === host.toLowerCase()) return true;
      } catch {
        return false;
      }
    }
    return local && LOCAL.test(origin);
  };
}

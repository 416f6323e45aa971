import type { NotificationPush } from '@coalesce/shared';
import type { TestSocket } from './factories';

/** The next `notification` push on `socket` that matches, or a rejection after `timeoutMs`. */
export function nextPush(
  socket: TestSocket,
  predicate: (p: NotificationPush) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<NotificationPush> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('notification', on);
      reject(new Error(`no matching notification within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (p: NotificationPush) => {
      if (!predicate(p)) return;
      clearTimeout(timer);
      socket.off('notification', on);
      resolve(p);
    };
    socket.on('notification', on);
  });
}

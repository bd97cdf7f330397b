import { noticesApi, type NoticeView } from './api/notices';
import { connectLive, type LiveSocket } from './live';

/**
 * The signed-in account's inbox: stored notices read from the API (so they survive a reload), new
 * ones pushed live on the account's socket (`notice:new`), read / unread kept on the server.
 */
class Notifications {
  items = $state<NoticeView[]>([]);
  unread = $state(0);
  next = $state<string | null>(null);
  loaded = $state(false);
  error = $state<unknown>(null);
  /** Collectives whose organisers ended this account's membership while the app was open. */
  ended = $state<string[]>([]);
  private socket: LiveSocket | null = null;

  /** (Re)connects as the current account and loads the first page; `false` after sign-out. */
  listen(signedIn: boolean): void {
    this.socket?.disconnect();
    this.socket = null;
    this.items = [];
    this.unread = 0;
    this.next = null;
    this.loaded = false;
    this.ended = [];
    if (!signedIn) {
      return;
    }
    const socket = connectLive();
    socket.on('notice:new', (notice) => {
      if (!this.items.some((item) => item.id === notice.id)) {
        this.items = [notice, ...this.items];
        this.unread += notice.read ? 0 : 1;
      }
    });
    socket.on('membership:ended', ({ collectiveId }) => {
      if (!this.ended.includes(collectiveId)) {
        this.ended = [...this.ended, collectiveId];
      }
    });
    this.socket = socket;
    void this.reload();
  }

  /** Reads the first page again (and the unread count). */
  async reload(): Promise<void> {
    try {
      const page = await noticesApi.page();
      this.items = [...page.items];
      this.unread = page.unread;
      this.next = page.next;
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.loaded = true;
    }
  }

  /** Appends the next (older) page. */
  async more(): Promise<void> {
    if (!this.next) {
      return;
    }
    try {
      const page = await noticesApi.page(this.next);
      const known = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !known.has(item.id))];
      this.unread = page.unread;
      this.next = page.next;
    } catch (error) {
      this.error = error;
    }
  }

  async markRead(noticeId: string): Promise<void> {
    const notice = this.items.find((item) => item.id === noticeId);
    if (!notice || notice.read) {
      return;
    }
    try {
      await noticesApi.markRead(noticeId);
      this.items = this.items.map((item) => (item.id === noticeId ? { ...item, read: true } : item));
      this.unread = Math.max(0, this.unread - 1);
    } catch (error) {
      this.error = error;
    }
  }

  async markAllRead(): Promise<void> {
    try {
      await noticesApi.markAllRead();
      this.items = this.items.map((item) => ({ ...item, read: true }));
      this.unread = 0;
    } catch (error) {
      this.error = error;
    }
  }
}

export const notifications = new Notifications();

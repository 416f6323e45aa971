import type { Writable } from 'node:stream';

/** The client went away: stop reading the database. */
export class ClientGone extends Error {
  constructor() {
    super('client closed the export');
  }
}

/**
 * Writes strings to an HTTP response with backpressure: chunks are gathered up to
 * `highWaterMark` characters, and when `res.write` answers false the writer waits for
 * 'drain' (or rejects with ClientGone when the socket closes first).
 */
export class BackpressureWriter {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;

  constructor(
    private readonly out: Writable,
    private readonly highWaterMark = 64 * 1024,
  ) {}

  async write(s: string): Promise<void> {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size >= this.highWaterMark) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.size) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (this.out.destroyed || this.out.writableEnded) throw new ClientGone();
    this.bytes += Buffer.byteLength(chunk);
    if (this.out.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        this.out.off('drain', onDrain);
        this.out.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new ClientGone());
      this.out.on('drain', onDrain);
      this.out.on('close', onClose);
    });
  }
}

/** `coalesce-<workspace slug or id>-<YYYY-MM-DD>.<ext>` (ASCII only, safe in a header). */
export function exportFileName(
  workspace: { id: string; name: string },
  date: Date,
  ext: 'json' | 'csv',
): string {
  const slug = workspace.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `coalesce-${slug || workspace.id}-${date.toISOString().slice(0, 10)}.${ext}`;
}

/** One CSV record of an event (payload as JSON; nulls as empty cells). */
export function eventCsvRecord(e: {
  seq: number;
  id: string;
  createdAt: string;
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  payload: unknown;
}): string[] {
  return [
    String(e.seq),
    e.id,
    e.createdAt,
    e.type,
    e.actorId ?? '',
    e.subjectType,
    e.subjectId ?? '',
    JSON.stringify(e.payload ?? {}),
  ];
}

import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { EXPORT_CSV_COLUMNS, type ExportFormat } from '@coalesce/shared';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { Membership } from '../../common/auth/auth.types';
import { forbidden } from '../../common/errors/domain-error';
import { logger } from '../../common/logging/logger';
import { ActivityService } from '../activity/activity.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { ExportRegistry, type ExportContext } from './export.repository';
import { canExport, canExportEmails } from './export.policy';
import { BackpressureWriter, ClientGone, eventCsvRecord, exportFileName } from './export.util';

const BATCH = 1000;

/**
 * The research export, streamed: JSON written section by section and row batch by row batch,
 * or the event log as CSV. Memory stays bounded whatever the size of the log: the database is
 * read in keyset batches of 1,000 rows and nothing more is read while the client is slow
 * (backpressure). The snapshot bound is the log's last seq when the export started.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly registry: ExportRegistry,
    private readonly workspaces: WorkspacesService,
    private readonly activity: ActivityService,
  ) {}

  async export(me: Membership, format: ExportFormat, res: Response): Promise<void> {
    if (!canExport(me)) throw forbidden('Only coordinators and observers can export');
    const workspace = await this.workspaces.entity(me.workspaceId);
    const ctx: ExportContext = {
      workspaceId: me.workspaceId,
      includeEmails: canExportEmails(me),
      untilSeq: await this.activity.lastSeq(me.workspaceId),
      batchSize: BATCH,
    };
    const now = new Date();
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${exportFileName(workspace, now, format)}"`,
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      if (format === 'csv') await this.writeCsv(ctx, res);
      else await this.writeJson(ctx, now, res);
    } catch (err) {
      if (
        !(err instanceof ClientGone) &&
        (err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE'
      ) {
        logger.error({ err, workspaceId: ctx.workspaceId }, 'export failed mid-stream');
      }
      // The status line is gone: a truncated body (no closing brace) is all we can signal.
      res.destroy();
    }
  }

  private async writeJson(ctx: ExportContext, now: Date, res: Response): Promise<void> {
    const out = new BackpressureWriter(res);
    await out.write(
      `{"format":"coalesce-export/1","exportedAt":${JSON.stringify(now.toISOString())},` +
        `"untilSeq":${ctx.untilSeq}`,
    );
    for (const section of this.registry.list()) {
      await out.write(`,${JSON.stringify(section.name)}:`);
      if (section.kind === 'object') {
        let value: unknown = null;
        for await (const batch of section.stream(ctx)) value = batch[0] ?? value;
        await out.write(JSON.stringify(value));
        continue;
      }
      await out.write('[');
      let first = true;
      for await (const batch of section.stream(ctx)) {
        for (const row of batch) {
          await out.write(first ? JSON.stringify(row) : `,${JSON.stringify(row)}`);
          first = false;
        }
      }
      await out.write(']');
    }
    await out.write('}\n');
    await out.flush();
    res.end();
  }

  private async writeCsv(ctx: ExportContext, res: Response): Promise<void> {
    const batches = Readable.from(
      this.activity.streamAll(ctx.workspaceId, { untilSeq: ctx.untilSeq, batchSize: BATCH }),
      { objectMode: true, highWaterMark: 1 },
    );
    const rows = new Transform({
      objectMode: true,
      transform(batch: Parameters<typeof eventCsvRecord>[0][], _enc, done) {
        for (const e of batch) this.push(eventCsvRecord(e));
        done();
      },
    });
    await pipeline(
      batches,
      rows,
      stringify({ header: true, columns: [...EXPORT_CSV_COLUMNS] }),
      res,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { EXPORT_SECTIONS, type ExportedMember, type ExportSectionName } from '@coalesce/shared';
import { ActivityService } from '../activity/activity.service';
import { DocumentsService } from '../documents/documents.service';
import { MembersService } from '../members/members.service';
import { WorkspacesService } from '../workspaces/workspaces.service';

/** What a section needs to know about the export being written. */
export interface ExportContext {
  workspaceId: string;
  /** Coordinators only: members' email addresses are included. */
  includeEmails: boolean;
  /** The log's last seq when the export started: later events are left out. */
  untilSeq: number;
  /** Rows per database round trip (keyset batches). */
  batchSize: number;
}

/**
 * One top-level key of the JSON export. `object` sections yield exactly one value; `array`
 * sections yield batches of rows (read with keyset pagination: never a whole table at once).
 * A module adds or replaces its section with `ExportRegistry.register` (e.g. on module init).
 */
export interface ExportSection {
  name: ExportSectionName | (string & {});
  kind: 'object' | 'array';
  stream(ctx: ExportContext): AsyncIterable<unknown[]>;
}

/**
 * Sections whose modules are not on this branch yet: exported as `[]` until registered.
 * Registration point for the experiments and connections modules: import ExportModule and, in
 * the module's `onModuleInit`, call `registry.register({name: 'experiments' | 'connections',
 * kind: 'array', stream: (ctx) => service.exportBatches(ctx.workspaceId, ctx.batchSize)})`
 * (keyset batches), as PartnersModule, PrinciplesModule and ProposalsModule do.
 */
export const PLACEHOLDER_SECTIONS: ExportSectionName[] = ['experiments', 'connections'];

/**
 * The sections of the research export, in the contract's order. Built-in: workspace,
 * stageHistory, members, documents (with their versions), events; the
 * partners, principles and proposals modules register theirs on init; the rest stay `[]`.
 */
@Injectable()
export class ExportRegistry {
  private readonly sections = new Map<string, ExportSection>();

  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly documents: DocumentsService,
    private readonly members: MembersService,
    private readonly activity: ActivityService,
  ) {
    for (const name of EXPORT_SECTIONS) this.sections.set(name, this.placeholder(name));
    this.register({
      name: 'workspace',
      kind: 'object',
      stream: async function* (this: ExportRegistry, ctx: ExportContext) {
        const w = await this.workspaces.entity(ctx.workspaceId);
        yield [
          {
            id: w.id,
            name: w.name,
            description: w.description,
            stage: w.stage,
            visionDocumentId: w.visionDocumentId,
            createdBy: w.createdBy,
            createdAt: w.createdAt.toISOString(),
            updatedAt: w.updatedAt.toISOString(),
          },
        ];
      }.bind(this),
    });
    this.register({
      name: 'stageHistory',
      kind: 'array',
      stream: async function* (this: ExportRegistry, ctx: ExportContext) {
        yield await this.workspaces.stageHistory(ctx.workspaceId);
      }.bind(this),
    });
    this.register({ name: 'members', kind: 'array', stream: (ctx) => this.membersOf(ctx) });
    this.register({
      name: 'documents',
      kind: 'array',
      stream: (ctx) => this.documents.exportBatches(ctx.workspaceId, ctx.batchSize),
    });
    this.register({
      name: 'events',
      kind: 'array',
      stream: (ctx) =>
        this.activity.streamAll(ctx.workspaceId, {
          untilSeq: ctx.untilSeq,
          batchSize: ctx.batchSize,
        }),
    });
  }

  /** Adds a section, or replaces the one with the same name (keeping its place). */
  register(section: ExportSection): void {
    this.sections.set(section.name, section);
  }

  list(): ExportSection[] {
    return [...this.sections.values()];
  }

  private placeholder(name: string): ExportSection {
    return {
      name,
      kind: 'array',
      // eslint-disable-next-line require-yield
      stream: async function* () {
        return;
      },
    };
  }

  private async *membersOf(ctx: ExportContext): AsyncGenerator<ExportedMember[]> {
    let cursor: string | undefined;
    do {
      const page = await this.members.list(ctx.workspaceId, {
        limit: Math.min(200, ctx.batchSize),
        cursor,
      });
      yield page.items.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        ...(ctx.includeEmails ? { email: m.email } : {}),
        role: m.role,
        broker: m.broker,
        partnerId: m.partnerId,
        joinedAt: m.joinedAt,
      }));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

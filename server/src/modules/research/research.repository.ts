import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ResearchConsentEntity } from './research.entity';

/** The research module's own table: partners' consents to be named. */
@Injectable()
export class ResearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async consents(workspaceId: string): Promise<ResearchConsentEntity[]> {
    return this.dataSource.getRepository(ResearchConsentEntity).find({ where: { workspaceId } });
  }

  async consent(
    manager: EntityManager,
    workspaceId: string,
    partnerId: string,
  ): Promise<ResearchConsentEntity | null> {
    return manager
      .getRepository(ResearchConsentEntity)
      .findOne({ where: { workspaceId, partnerId }, lock: { mode: 'pessimistic_write' } });
  }

  async upsert(manager: EntityManager, row: ResearchConsentEntity): Promise<void> {
    await manager.getRepository(ResearchConsentEntity).upsert(row, ['partnerId']);
  }
}

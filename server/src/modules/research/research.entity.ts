import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A partner's research setting: may it be named in research exports? Absent row = the default
 * (`defaultMayBeNamed`: organisations yes, individuals no).
 */
@Entity('research_consents')
@Index(['workspaceId'])
export class ResearchConsentEntity {
  @PrimaryColumn('uuid')
  partnerId: string;

  @Column('uuid')
  workspaceId: string;

  @Column('boolean')
  mayBeNamed: boolean;

  @Column('uuid', { nullable: true })
  updatedBy: string | null;

  @Column('timestamptz')
  updatedAt: Date;
}

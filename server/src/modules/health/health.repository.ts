import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The health check's one statement. It reads no table; it lives here anyway so that raw SQL
 * sits only in repositories, a rule a grep can check without exceptions.
 */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A round trip to the database on a pooled connection. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

import type { Db } from '../db/types.ts';

export interface RecordedInput {
  request_id: string;
  input: unknown;
  decision: 'allow' | 'deny';
}

/**
 * The seam for impact analysis: the zone's recent decision inputs as the STS stored them.
 * The STS issue adds the audit-events table; until then there is nothing recorded, so this
 * returns [] and impact analysis reports `evaluated: 0`. Replace the body, keep the signature.
 */
export class RecordedInputsRepo {
  constructor(private readonly db: Db) {}

  async recent(_zoneId: string, _o: { limit: number; since?: string }): Promise<RecordedInput[]> {
    void this.db;
    return [];
  }
}

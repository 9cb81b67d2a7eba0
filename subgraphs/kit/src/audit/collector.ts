import type { Principal, Purpose } from '@gnbv/platform';

/*
 * The audit trail of personal data. Every subgraph that owns personal data keeps one in its own
 * database: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained (each
 * record holds the hash of the one before, and its own hash covers that). Writers serialise on an
 * advisory lock, so concurrent requests never fork the chain.
 */

export type AuditDecision = 'allowed' | 'denied';

/** One request's use of one kind of data subject, as written to the trail. */
export interface AuditGroup {
  entityType: string;
  entityIds: string[];
  fields: string[];
  decision: AuditDecision;
}

/** What a request is: who, why, which operation. */
export interface AuditIdentity {
  requestId: string;
  principal: Principal;
  purpose?: Purpose | undefined;
  operationName?: string | undefined;
}

/** Collects, during one request, which personal fields of which data subjects were asked for. */
export class AuditCollector {
  private readonly groups = new Map<
    string,
    { entityType: string; decision: AuditDecision; ids: Set<string>; fields: Set<string> }
  >();

  note(entityType: string, entityId: string, field: string, decision: AuditDecision): void {
    const key = `${entityType}\u0000${decision}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { entityType, decision, ids: new Set(), fields: new Set() };
      this.groups.set(key, group);
    }
    group.ids.add(entityId);
    group.fields.add(field);
  }

  get isEmpty(): boolean {
    return this.groups.size === 0;
  }

  drain(): AuditGroup[] {
    const out = [...this.groups.values()].map((g) => ({
      entityType: g.entityType,
      decision: g.decision,
      entityIds: [...g.ids].sort(),
      fields: [...g.fields].sort(),
    }));
    this.groups.clear();
    return out;
  }
}

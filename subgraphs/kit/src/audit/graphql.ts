import { ArgsType, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { badInput } from '@gnbv/platform';
import { auditRecordsFor, type AuditRow } from './chain';

@Directive('@shareable')
@ObjectType({ description: 'One entry of an agency audit trail: who used which personal data, when and why.' })
export class AuditRecord {
  @Field(() => ID, { description: 'Sequence number in the agency chain.' })
  seq!: number;

  @Field({ description: 'When, ISO 8601 UTC.' })
  at!: string;

  @Field()
  requestId!: string;

  @Field({ description: 'The account that asked.' })
  subject!: string;

  @Field()
  agency!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => String, { nullable: true, description: 'The declared purpose (X-Purpose).' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation name the client sent.' })
  operation!: string | null;

  @Field(() => [String], { description: 'The personal fields asked for, as Type.field.' })
  fields!: string[];

  @Field({ description: '"allowed", or "denied" when the rules refused them.' })
  decision!: string;

  @Field(() => Int, { description: 'How many data subjects the request touched (this one included).' })
  subjectCount!: number;
}

export const toAuditRecord = (row: AuditRow): AuditRecord => ({
  seq: row.seq,
  at: row.at,
  requestId: row.requestId,
  subject: row.subject,
  agency: row.agency,
  roles: row.roles,
  purpose: row.purpose,
  operation: row.operation,
  fields: row.fields,
  decision: row.decision,
  subjectCount: row.entityIds.length,
});

/**
 * The arguments of an audit trail field: a page of `first` records, older than the record `before`.
 * The SDL lists arguments in declaration order; this one matches the published `(before, first)`.
 */
@ArgsType()
export class AuditPageArgs {
  @Field(() => ID, { nullable: true })
  before?: string | null;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;
}

/**
 * One page of a data subject's audit trail, newest first. Refuses a bad argument naming it; then,
 * when `inScope` is given and answers false (a subject outside the reader's scope), answers an
 * empty page without reading.
 */
export async function auditTrailPage(
  db: DataSource,
  entityType: string,
  entityId: string,
  { first, before }: AuditPageArgs,
  inScope?: () => Promise<boolean>,
): Promise<AuditRecord[]> {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
  if (before != null && !/^\d{1,15}$/.test(before)) throw badInput('before', 'must be the seq of an audit record');
  if (inScope && !(await inScope())) return [];
  const rows = await auditRecordsFor(db, entityType, entityId, first, before ? Number(before) : undefined);
  return rows.map(toAuditRecord);
}

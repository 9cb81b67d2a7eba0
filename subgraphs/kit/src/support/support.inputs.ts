import 'reflect-metadata';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import '../enums';
import { PageArgs } from '../pagination';
import { SupportKind } from '../program/catalogue';
import { IsoDateScalar, VndScalar } from '../scalars';
import { SupportAction, SupportStatus } from './support.rules';

@InputType({ description: 'A support delivered, or planned, to a household.' })
export class SupportInput {
  @Field(() => ID)
  householdId!: string;

  @Field({
    description:
      "The labor registry's signed statement about the household on this support's date: ask for it with Household.registryAttestation(on:) and send it unchanged. It proves the household exists and its category that day.",
  })
  registryAttestation!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The member supported, for support given to one person (a child for nutrition, a trainee).',
  })
  memberId?: string | null;

  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => ID, {
    nullable: true,
    description: "The agency's own project, model or activity this support belongs to (agriculture: a production project).",
  })
  initiativeId?: string | null;

  @Field({ description: 'What was given, e.g. "2 bò cái sinh sản".' })
  description!: string;

  @Field(() => Float, { description: 'How much, in `unit`: more than 0.' })
  quantity!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Unit of the quantity (con, kg, gói, khóa...); the kind’s usual unit when left out.',
  })
  unit?: string | null;

  @Field(() => VndScalar, { description: 'Value in đồng, 0 or more.' })
  value!: number;

  @Field(() => SupportStatus, {
    defaultValue: SupportStatus.DELIVERED,
    description: 'DELIVERED (the default) to record a delivery that happened on `on`; PLANNED for one due then.',
  })
  status!: SupportStatus;

  @Field(() => IsoDateScalar, { description: 'The delivery date (DELIVERED: not in the future) or the planned date (PLANNED).' })
  on!: string;

  @Field({ description: 'The office that delivers it, e.g. "Phòng Nông nghiệp và Môi trường xã Mường Tè".' })
  deliveringOffice!: string;

  @Field(() => Int, { description: 'The programme year whose budget pays for it.' })
  programYear!: number;
}

@InputType({ description: 'A step in a support record’s life: deliver, verify or cancel.' })
export class SupportStepInput {
  @Field(() => ID)
  supportId!: string;

  @Field(() => SupportAction)
  action!: SupportAction;

  @Field(() => IsoDateScalar, { description: 'When it happened (not in the future).' })
  on!: string;

  @Field(() => String, { nullable: true, description: 'Why: required to CANCEL.' })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "DELIVER only: the registry's statement about the household on the delivery date (Household.registryAttestation).",
  })
  registryAttestation?: string | null;
}

@ArgsType()
export class SupportPageArgs extends PageArgs {
  @Field(() => SupportStatus, { nullable: true, description: 'Only supports in this status.' })
  status?: SupportStatus | null;

  @Field(() => Int, { nullable: true, description: 'Only supports of this programme year.' })
  programYear?: number | null;
}

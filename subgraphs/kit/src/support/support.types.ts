import 'reflect-metadata';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import '../enums';
import { PageInfo } from '../pagination';
import { HouseholdCategory, SUPPORT_RULES, SupportKind } from '../program/catalogue';
import type { SupportRecord } from '../program/program.entity';
import type { HouseholdRef } from '../refs';
import { IsoDateScalar, VndScalar } from '../scalars';
import type { SupportModuleOptions } from './support.options';
import { SupportStatus } from './support.rules';

/**
 * The fields every agency's Support type has; each module's Support adds the link to its own
 * household stub. Named for type-graphql's inheritance only: no schema references it, so no SDL
 * shows it.
 */
@ObjectType('SupportFields')
export abstract class SupportFields {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The agency that delivers it and keeps the record.' })
  agency!: string;

  @Field(() => ID, { nullable: true, description: 'The member supported, for support given to one person.' })
  memberId!: string | null;

  @Field({ description: 'Commune of the household when the support was recorded.' })
  communeCode!: string;

  @Field(() => Int, { description: 'Project of the programme (1-7, Decision 90/QĐ-TTg).' })
  project!: number;

  @Field(() => Int, { nullable: true })
  subProject!: number | null;

  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => ID, { nullable: true, description: "The agency's project, model or activity it belongs to." })
  initiativeId!: string | null;

  @Field()
  description!: string;

  @Field(() => Float)
  quantity!: number;

  @Field()
  unit!: string;

  @Field(() => VndScalar, { description: 'Value in đồng.' })
  value!: number;

  @Field(() => SupportStatus)
  status!: SupportStatus;

  @Field(() => IsoDateScalar, { description: 'When it was (or is) due.' })
  plannedOn!: string;

  @Field(() => IsoDateScalar, { nullable: true })
  deliveredOn!: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  verifiedOn!: string | null;

  @Field(() => IsoDateScalar, { nullable: true })
  cancelledOn!: string | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field()
  deliveringOffice!: string;

  @Field(() => Int, { description: 'The programme year whose budget pays for it.' })
  programYear!: number;

  @Field(() => HouseholdCategory, {
    nullable: true,
    description: "The household's certified category on the delivery date, as the registry stated it (personal data).",
  })
  categoryOnDelivery!: HouseholdCategory | null;

  @Field(() => [Int], { description: 'Deprivation indicators (1-12) this kind of support addresses.' })
  addressesIndicators!: number[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the household was deprived, on delivery, on an indicator this support addresses (the registry’s statement; personal data). Null before delivery.',
  })
  reachedDeprivation!: boolean | null;
}

/** The Support and SupportConnection types of one agency's module (a Support links its household). */
export function supportTypes(HouseholdRef: SupportModuleOptions['HouseholdRef']) {
  @Directive('@shareable')
  @ObjectType('Support', {
    description:
      'Support delivered (or planned) to a household under a project of the poverty-reduction programme: the same shape whichever agency delivers it.',
  })
  class Support extends SupportFields {
    @Field(() => HouseholdRef, { description: 'The household supported (details come from labor).' })
    household!: HouseholdRef;
  }

  @Directive('@shareable')
  @ObjectType('SupportConnection', { description: 'A page of supports, latest date first.' })
  class SupportConnection {
    @Field(() => [Support])
    nodes!: Support[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return { Support, SupportConnection };
}

export type SupportTypes = ReturnType<typeof supportTypes>;
export type Support = InstanceType<SupportTypes['Support']>;
export type SupportConnection = InstanceType<SupportTypes['SupportConnection']>;

/** A `support` row as one agency's Support type shows it. */
export const supportOf =
  (agency: string) =>
  (r: SupportRecord): Support => {
    const addresses = SUPPORT_RULES[r.kind].addresses;
    const reached = r.deprivedOnDelivery ? addresses.some((i) => r.deprivedOnDelivery!.includes(i)) : null;
    return {
      ...r,
      agency,
      addressesIndicators: [...addresses],
      reachedDeprivation: reached,
      household: { id: r.householdId },
    } as Support;
  };

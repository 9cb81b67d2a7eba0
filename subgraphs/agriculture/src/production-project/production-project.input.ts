import { Field, InputType, Int } from 'type-graphql';
import { IsoDateScalar, VndScalar } from '@gnbv/kit';
import { ProductionModel } from './production-project.entity';

@InputType({ description: 'A new production project or model in one commune.' })
export class ProductionProjectInput {
  @Field({ description: 'Unique nationally: 3 to 40 capital letters, digits or "-", e.g. "DB-03160-BO-2025".' })
  code!: string;

  @Field({ description: 'e.g. "Mô hình chăn nuôi bò sinh sản bản Khá".' })
  name!: string;

  @Field(() => ProductionModel, { description: 'The model; NUTRITION_CLUB makes it a sub-project 2 (nutrition) project.' })
  model!: ProductionModel;

  @Field({ description: 'The commune it runs in (5 digits), in your scope.' })
  communeCode!: string;

  @Field({ description: "The commune's province (2 digits)." })
  provinceCode!: string;

  @Field(() => Int, { description: 'The programme year whose budget pays for it: the start year, or the year before or after.' })
  programYear!: number;

  @Field(() => IsoDateScalar)
  startsOn!: string;

  @Field(() => IsoDateScalar, { nullable: true, description: 'Not before startsOn; left out while open-ended.' })
  endsOn?: string | null;

  @Field(() => VndScalar, { description: 'Its budget in đồng, 0 or more.' })
  budget!: number;

  @Field({ description: 'The office that runs it, e.g. "Phòng Kinh tế xã Mường Phăng".' })
  leadOffice!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

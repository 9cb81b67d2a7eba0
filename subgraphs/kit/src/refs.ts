import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entity stubs for subgraphs that extend an entity they do not own (labor owns both).
 * type-graphql attaches field resolvers to the class itself, so a class shared by several
 * subgraphs would collect every agency's fields once they are loaded in one process (tests,
 * composition). Each subgraph therefore makes its own class with these factories.
 */

export interface HouseholdRef {
  id: string;
}

export interface AdminUnitRef {
  code: string;
}

/** A fresh `Household @key(fields: "id")` stub class for one subgraph. */
export function defineHouseholdRef(): new () => HouseholdRef {
  @Directive('@key(fields: "id")')
  @ObjectType('Household')
  class HouseholdStub implements HouseholdRef {
    @Field(() => ID)
    id!: string;
  }
  return HouseholdStub;
}

/** A fresh `AdminUnit @key(fields: "code")` stub class for one subgraph. */
export function defineAdminUnitRef(): new () => AdminUnitRef {
  @Directive('@key(fields: "code")')
  @ObjectType('AdminUnit')
  class AdminUnitStub implements AdminUnitRef {
    @Field()
    code!: string;
  }
  return AdminUnitStub;
}

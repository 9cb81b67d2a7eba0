import { FieldResolver, Resolver } from 'type-graphql';
import { defineHouseholdRef } from '../refs';
import { buildFederatedSchema } from '../schema';
import { can, anyone } from '../permissions';
import { defineAgency, type AgencyDefinition } from './definition';

const HouseholdRef = defineHouseholdRef();

@Resolver(() => HouseholdRef)
class HouseholdProbeResolver {
  @FieldResolver(() => [String])
  probeNotes(): string[] {
    return [];
  }
}

const base: Omit<AgencyDefinition, 'name' | 'buildSchema'> = {
  defaultPort: 4999,
  dataSource: () => {
    throw new Error('not used');
  },
  loadConfig: () => {
    throw new Error('not used');
  },
  createServer: () => Promise.reject(new Error('not used')),
  main: '/nowhere/main.js',
};

describe('an agency definition', () => {
  it('refuses a name that is not lower-case words joined by hyphens, and a port that is not one', () => {
    expect(() => defineAgency({ ...base, name: 'Health', buildSchema: () => Promise.reject(new Error('x')) })).toThrow(
      /lower-case words joined by hyphens/,
    );
    expect(() =>
      defineAgency({ ...base, name: 'health', defaultPort: 70_000, buildSchema: () => Promise.reject(new Error('x')) }),
    ).toThrow(/defaultPort 70000 is not a port/);
  });

  it('names its subgraph when its schema cannot be built', async () => {
    const agency = defineAgency({ ...base, name: 'health', buildSchema: () => Promise.reject(new Error('Type X is broken')) });
    await expect(agency.buildSchema()).rejects.toThrow('subgraph health: its schema cannot be built: Type X is broken');
  });

  it('builds a subgraph that only adds a field to Household (no Query field of its own)', async () => {
    const { sdl } = await buildFederatedSchema({
      name: 'probe',
      resolvers: [HouseholdProbeResolver],
      orphanedTypes: [HouseholdRef],
      permissions: { Household: { id: can(anyone), probeNotes: can(anyone) } },
    });
    expect(sdl).toMatch(/type Household @key\(fields: "id"\) \{\n {2}id: ID!\n {2}probeNotes: \[String!\]!/);
  });
});

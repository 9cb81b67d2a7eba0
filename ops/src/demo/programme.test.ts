import { programmeViolations, type ProgrammeData } from '../seed/programme-check';
import { buildDemoDataset, DEMO_COMMUNES, DEMO_PROGRAMME, type DemoDataset } from './dataset';

const demo = buildDemoDataset();

const programmeData = (d: DemoDataset): ProgrammeData => ({
  households: d.labor.households,
  members: d.labor.members,
  reviews: d.labor.reviews,
  supports: {
    labor: d.labor.supports,
    agriculture: d.agriculture.productionSupports,
    'culture-information': d.cultureInformation.informationSupports,
  },
  productionProjects: d.agriculture.productionProjects,
  participants: d.agriculture.participants,
  budgets: {
    labor: { lines: d.labor.budgetLines, disbursements: d.labor.disbursements },
    agriculture: { lines: d.agriculture.budgetLines, disbursements: d.agriculture.disbursements },
    'culture-information': { lines: d.cultureInformation.budgetLines, disbursements: d.cultureInformation.disbursements },
  },
  communicationProducts: d.cultureInformation.communicationProducts,
  asOf: DEMO_PROGRAMME.asOf,
});

const lines = () => [
  ...demo.labor.budgetLines.map((l) => ({ ...l, agency: 'labor' as const })),
  ...demo.agriculture.budgetLines.map((l) => ({ ...l, agency: 'agriculture' as const })),
  ...demo.cultureInformation.budgetLines.map((l) => ({ ...l, agency: 'culture-information' as const })),
];

describe('the demo programme', () => {
  test('is the same for the same seed', () => {
    expect(buildDemoDataset()).toEqual(demo);
  });

  test('obeys the support rules, the production projects, the tables and the books', () => {
    expect(programmeViolations(programmeData(demo))).toEqual([]);
  });

  test('the check sees a broken rule: nutrition for an adult, a support of a household off the lists, a line paid twice', () => {
    const broken = buildDemoDataset();
    const nutrition = broken.agriculture.productionSupports.find((s) => s.kind === 'NUTRITION_PACKAGE' && s.deliveredOn);
    const head = broken.labor.members.find(
      (m) => m.householdId === nutrition?.householdId && m.relationToHead === ('HEAD' as never),
    );
    if (!nutrition || !head) throw new Error('demo: no nutrition package');
    nutrition.memberId = head.id;
    const notPoor = broken.labor.households.find((h) => h.category === ('NOT_POOR' as never));
    const phone = broken.cultureInformation.informationSupports[0];
    if (!notPoor || !phone) throw new Error('demo: no household off the lists');
    Object.assign(phone, { householdId: notPoor.id, communeCode: notPoor.communeCode });
    const line = broken.labor.budgetLines.find((l) => l.disbursed > 0 && l.disbursed < l.allocated);
    const paid = broken.labor.disbursements.find((d) => d.budgetLineId === line?.id);
    if (!line || !paid) throw new Error('demo: no partly paid line');
    broken.labor.disbursements.push({ ...paid, id: 'again' });
    const violations = programmeViolations(programmeData(broken)).join('\n');
    expect(violations).toMatch(/NUTRITION_PACKAGE.*member not a child under 16/);
    expect(violations).toMatch(/culture-information support .*the household was (NOT_POOR|null)/);
    expect(violations).toMatch(/labor line .*disbursed \d+, paid \d+/);
  });

  test('DEMO_PROGRAMME: the showcase commune, its poor households supported by all three agencies, the nutrition package, the cattle model', () => {
    const commune = DEMO_PROGRAMME.communeCode;
    expect(commune).toBe(DEMO_COMMUNES[0].code);
    const byCode = new Map(demo.labor.households.map((h) => [h.code, h]));
    const delivered = (rows: { householdId: string; status: string }[]) =>
      new Set(rows.filter((s) => s.status === 'DELIVERED' || s.status === 'VERIFIED').map((s) => s.householdId));
    const agencies = [demo.labor.supports, demo.agriculture.productionSupports, demo.cultureInformation.informationSupports].map(
      delivered,
    );
    const allThree = demo.labor.households.filter(
      (h) => h.communeCode === commune && h.category === ('POOR' as never) && agencies.every((a) => a.has(h.id)),
    );
    expect(allThree).toHaveLength(DEMO_PROGRAMME.poorHouseholdsWithAllThreeAgencies);
    for (const code of DEMO_PROGRAMME.showcaseHouseholdCodes) {
      expect(allThree.map((h) => h.code)).toContain(code);
      const reviews = demo.labor.reviews.filter((r) => r.householdId === byCode.get(code)?.id);
      expect(reviews.map((r) => r.classification)).toEqual(['POOR', 'POOR']);
    }

    const nutrition = demo.agriculture.productionSupports.filter(
      (s) => s.kind === 'NUTRITION_PACKAGE' && s.householdId === byCode.get(DEMO_PROGRAMME.nutrition.householdCode)?.id,
    );
    expect(nutrition).toHaveLength(1);
    expect(nutrition[0]).toMatchObject({
      deliveredOn: DEMO_PROGRAMME.nutrition.deliveredOn,
      value: DEMO_PROGRAMME.nutrition.value,
      categoryOnDelivery: 'POOR',
    });
    const child = demo.labor.members.find((m) => m.id === nutrition[0]?.memberId);
    expect((child?.dateOfBirth ?? '') > '2009-05-20').toBe(true);
    const club = demo.agriculture.productionProjects.find((p) => p.id === nutrition[0]?.initiativeId);
    expect(club?.model).toBe('NUTRITION_CLUB');

    const cattle = demo.agriculture.productionProjects.find((p) => p.code === DEMO_PROGRAMME.cattleProject.code);
    expect(cattle).toMatchObject({ model: DEMO_PROGRAMME.cattleProject.model, communeCode: commune });
    expect(demo.agriculture.participants.filter((p) => p.projectId === cattle?.id)).toHaveLength(
      DEMO_PROGRAMME.cattleProject.participants,
    );
    const cows = demo.agriculture.productionSupports.filter(
      (s) => s.initiativeId === cattle?.id && s.kind === 'BREEDING_ANIMALS' && s.quantity === 2 && s.value === 30_000_000,
    );
    expect(cows.length).toBeGreaterThanOrEqual(2);

    const products = demo.cultureInformation.communicationProducts.filter((p) => p.communeCode === commune);
    expect(products).toHaveLength(DEMO_PROGRAMME.communicationProducts);
    expect(new Set(products.map((p) => p.kind)).size).toBe(4);
  });

  test("DEMO_PROGRAMME: the seed article's late lines, the province's paid lines, and what is late from 2026", () => {
    const late = DEMO_PROGRAMME.provinceLate;
    const province2025 = lines().filter(
      (l) => l.unitCode === late.unitCode && l.year === late.year && late.projects.includes(l.project as never),
    );
    expect(province2025).toHaveLength(late.lines);
    expect(province2025.reduce((n, l) => n + l.allocated, 0)).toBe(late.allocated);
    expect(province2025.reduce((n, l) => n + l.disbursed, 0)).toBe(late.disbursed);
    expect(new Set(province2025.map((l) => l.deadline))).toEqual(new Set([late.deadline]));
    expect(new Set(province2025.map((l) => l.project))).toEqual(new Set(late.projects));
    for (const [agency, allocated] of Object.entries(late.byAgency))
      expect(province2025.filter((l) => l.agency === agency).reduce((n, l) => n + l.allocated, 0)).toBe(allocated);

    const paid = lines().filter((l) => l.unitCode === late.unitCode && l.disbursed === l.allocated);
    expect(paid).toHaveLength(DEMO_PROGRAMME.provinceFullyDisbursed.lines);
    expect(paid.reduce((n, l) => n + l.disbursed, 0)).toBe(DEMO_PROGRAMME.provinceFullyDisbursed.disbursed);

    const { from } = DEMO_PROGRAMME.late;
    const lateLines = lines().filter((l) => l.deadline < from && l.disbursed < l.allocated);
    expect(lines().filter((l) => l.deadline >= from)).toEqual([]);
    expect(lateLines).toHaveLength(DEMO_PROGRAMME.late.lines);
    expect(lateLines.reduce((n, l) => n + l.allocated - l.disbursed, 0)).toBe(DEMO_PROGRAMME.late.undisbursed);
    for (const [agency, expected] of Object.entries(DEMO_PROGRAMME.late.byAgency)) {
      const own = lateLines.filter((l) => l.agency === agency);
      expect({ lines: own.length, undisbursed: own.reduce((n, l) => n + l.allocated - l.disbursed, 0) }).toEqual(expected);
    }
  });

  test('every demo commune has supports from each agency, production projects, communication products and budget lines for 2024 and 2025', () => {
    for (const c of DEMO_COMMUNES) {
      for (const rows of [demo.labor.supports, demo.agriculture.productionSupports, demo.cultureInformation.informationSupports])
        expect(rows.some((s) => s.communeCode === c.code)).toBe(true);
      expect(demo.agriculture.productionProjects.some((p) => p.communeCode === c.code)).toBe(true);
      expect(demo.cultureInformation.communicationProducts.some((p) => p.communeCode === c.code)).toBe(true);
      for (const year of [2024, 2025]) {
        const own = lines().filter((l) => l.unitCode === c.code && l.year === year);
        expect(new Set(own.map((l) => `${l.project}.${l.subProject ?? ''}`))).toEqual(
          new Set(['2.', '4.', '5.', '7.', '3.1', '3.2', '6.1', '6.2']),
        );
      }
    }
    const statuses = new Set(
      [...demo.labor.supports, ...demo.agriculture.productionSupports, ...demo.cultureInformation.informationSupports].map(
        (s) => s.status,
      ),
    );
    expect(statuses).toEqual(new Set(['PLANNED', 'DELIVERED', 'VERIFIED', 'CANCELLED']));
  });
});

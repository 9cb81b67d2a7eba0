import { MODELS, type ParticipantRow, type ProductionProjectRow } from '@gnbv/agriculture';
import { subProjectOfProduct, type CommunicationProductRow } from '@gnbv/culture-information';
import {
  addMonths,
  certifiedCategoryOn,
  deprivedOn,
  eligible,
  SUPPORT_RULES,
  type BudgetLineRow,
  type DisbursementRow,
  type ReviewOnList,
  type SupportRow,
} from '@gnbv/kit';
import { agencyOfProject, type ProgrammeAgency } from './agencies';

/*
 * Everything generated programme rows must obey, as one function listing what does not: the
 * rules a subgraph's writes enforce (SUPPORT_RULES on the household's certified category on the
 * planned and delivery dates, the child under 16, the recipient, a production project's commune,
 * sub-project and participants), the tables' CHECK constraints, and the books (a line's
 * disbursed is the sum of its disbursements, within the allocation). Run by the seed's and the
 * demo's tests over what they generate.
 */

export interface ProgrammeData {
  households: readonly { id: string; communeCode: string; provinceCode: string }[];
  members: readonly { id: string; householdId: string; dateOfBirth: string; leftOn?: string | null }[];
  reviews: readonly {
    householdId: string;
    year: number;
    classification: string | null;
    certifiedOn: string | null;
    deprivedIndicators: readonly number[];
  }[];
  supports: Record<ProgrammeAgency, readonly SupportRow[]>;
  productionProjects: readonly ProductionProjectRow[];
  participants: readonly ParticipantRow[];
  budgets: Record<ProgrammeAgency, { lines: readonly BudgetLineRow[]; disbursements: readonly DisbursementRow[] }>;
  communicationProducts: readonly CommunicationProductRow[];
  /** Nothing is delivered, verified, cancelled or paid after this day. */
  asOf: string;
}

const length = (text: string | null, min: number, max: number) => text !== null && text.length >= min && text.length <= max;

/** What breaks a rule, one line each (empty when all is well). */
export function programmeViolations(data: ProgrammeData): string[] {
  const out: string[] = [];
  const household = new Map(data.households.map((h) => [h.id, h]));
  const member = new Map(data.members.map((m) => [m.id, m]));
  const lists = new Map<string, ReviewOnList[]>();
  for (const r of data.reviews) {
    if (r.certifiedOn === null || r.classification === null) continue;
    lists.set(r.householdId, [
      ...(lists.get(r.householdId) ?? []),
      { year: r.year, classification: r.classification, certifiedOn: r.certifiedOn, deprived: r.deprivedIndicators },
    ]);
  }
  const categoryOn = (householdId: string, date: string) => certifiedCategoryOn(lists.get(householdId) ?? [], date);
  const project = new Map(data.productionProjects.map((p) => [p.id, p]));
  const participant = new Map<string, ParticipantRow>();

  for (const p of data.participants) {
    const key = `${p.projectId}/${p.householdId}`;
    const what = `participant ${key}`;
    if (participant.has(key)) out.push(`${what}: twice`);
    participant.set(key, p);
    const pp = project.get(p.projectId);
    const h = household.get(p.householdId);
    if (!pp || !h) out.push(`${what}: no such project or household`);
    else if (h.communeCode !== pp.communeCode) out.push(`${what}: household of another commune`);
    const category = categoryOn(p.householdId, p.joinedOn);
    if (category !== p.categoryOnJoining || !(category === 'POOR' || category === 'NEAR_POOR' || category === 'NEWLY_ESCAPED'))
      out.push(`${what}: joined ${p.joinedOn} as ${p.categoryOnJoining}, the registry says ${category}`);
    if (pp && (p.joinedOn < pp.startsOn || (pp.endsOn !== null && p.joinedOn > pp.endsOn)))
      out.push(`${what}: joined ${p.joinedOn} outside the project's run`);
  }

  for (const p of data.productionProjects) {
    if (!/^[A-Z0-9-]{3,40}$/.test(p.code) || !length(p.name, 1, 300)) out.push(`project ${p.code}: code or name`);
    if (p.subProject !== MODELS[p.model].subProject) out.push(`project ${p.code}: sub-project ${p.subProject} for ${p.model}`);
    if ((p.endsOn !== null && p.endsOn < p.startsOn) || Math.abs(Number(p.startsOn.slice(0, 4)) - p.programYear) > 1)
      out.push(`project ${p.code}: dates`);
  }

  for (const agency of Object.keys(data.supports) as ProgrammeAgency[]) {
    for (const s of data.supports[agency]) {
      const what = `${agency} support ${s.id} (${s.kind}, ${s.status})`;
      const rule = SUPPORT_RULES[s.kind];
      const h = household.get(s.householdId);
      if (!rule || agencyOfProject(rule.project) !== agency) out.push(`${what}: not this agency's kind`);
      else if (s.project !== rule.project || s.subProject !== rule.subProject)
        out.push(`${what}: project ${s.project}.${s.subProject}`);
      if (!h || h.communeCode !== s.communeCode || h.provinceCode !== s.provinceCode)
        out.push(`${what}: household or its commune`);
      const dates = s.deliveredOn === null ? [s.plannedOn] : [s.plannedOn, s.deliveredOn];
      for (const date of dates)
        if (!eligible(s.kind, categoryOn(s.householdId, date)))
          out.push(`${what}: the household was ${categoryOn(s.householdId, date)} on ${date}`);
      const onDelivery = s.deliveredOn === null ? null : categoryOn(s.householdId, s.deliveredOn);
      if (s.categoryOnDelivery !== onDelivery)
        out.push(`${what}: category on delivery ${s.categoryOnDelivery}, registry ${onDelivery}`);
      const deprived = s.deliveredOn === null ? null : deprivedOn(lists.get(s.householdId) ?? [], s.deliveredOn).join(',');
      if ((s.deprivedOnDelivery?.join(',') ?? null) !== deprived)
        out.push(`${what}: deprived on delivery ${String(s.deprivedOnDelivery)}, registry ${deprived}`);
      const m = s.memberId === null ? undefined : member.get(s.memberId);
      if (rule?.recipient === 'household' && s.memberId !== null) out.push(`${what}: names a member`);
      if (rule && rule.recipient !== 'household' && m?.householdId !== s.householdId)
        out.push(`${what}: no member of the household`);
      if (rule?.recipient === 'child' && m)
        for (const date of dates)
          if (!(m.dateOfBirth <= date && addMonths(m.dateOfBirth, 16 * 12) > date && (m.leftOn == null || m.leftOn > date)))
            out.push(`${what}: member not a child under 16 on ${date}`);
      if (
        (s.status === 'CANCELLED') !== (s.cancelReason !== null && s.cancelledOn !== null) ||
        (s.status === 'DELIVERED' || s.status === 'VERIFIED') !== (s.deliveredOn !== null) ||
        (s.status === 'VERIFIED') !== (s.verifiedOn !== null) ||
        (s.verifiedOn !== null && s.deliveredOn !== null && s.verifiedOn < s.deliveredOn) ||
        (s.deliveredOn !== null && s.deliveredOn < s.plannedOn)
      )
        out.push(`${what}: status and dates disagree`);
      if ([s.deliveredOn, s.verifiedOn, s.cancelledOn].some((d) => d !== null && d > data.asOf))
        out.push(`${what}: dated after ${data.asOf}`);
      if (Math.abs(Number((s.deliveredOn ?? s.plannedOn).slice(0, 4)) - s.programYear) > 1) out.push(`${what}: programme year`);
      if (!(s.quantity > 0) || s.value < 0 || Math.round(s.quantity * 100) !== s.quantity * 100)
        out.push(`${what}: quantity or value`);
      if (!length(s.description, 1, 500) || !length(s.unit, 1, 40) || !length(s.deliveringOffice, 1, 200))
        out.push(`${what}: texts`);
      if (s.initiativeId !== null) {
        const pp = project.get(s.initiativeId);
        const joined = participant.get(`${s.initiativeId}/${s.householdId}`);
        if (!pp || pp.communeCode !== s.communeCode || pp.subProject !== s.subProject)
          out.push(`${what}: project ${s.initiativeId}`);
        else if (
          !MODELS[pp.model].kinds.includes(s.kind) ||
          s.plannedOn < pp.startsOn ||
          (pp.endsOn !== null && s.plannedOn > pp.endsOn)
        )
          out.push(`${what}: not a support of ${pp.code}`);
        if (!joined || joined.joinedOn > s.plannedOn) out.push(`${what}: household not (yet) in the project`);
      }
    }
  }

  for (const agency of Object.keys(data.budgets) as ProgrammeAgency[]) {
    const { lines, disbursements } = data.budgets[agency];
    const paid = new Map<string, number>();
    for (const d of disbursements) {
      paid.set(d.budgetLineId, (paid.get(d.budgetLineId) ?? 0) + d.amount);
      if (!(d.amount > 0) || d.disbursedOn > data.asOf || !length(d.reference, 1, 100))
        out.push(`${agency} disbursement ${d.id}`);
    }
    const keys = new Set<string>();
    const ids = new Set(lines.map((l) => l.id));
    for (const d of disbursements) if (!ids.has(d.budgetLineId)) out.push(`${agency} disbursement ${d.id}: no such line`);
    for (const l of lines) {
      const what = `${agency} line ${l.unitCode}/${l.year}/${l.project}.${l.subProject ?? '-'}/${l.fundingSource}`;
      const key = `${l.unitCode}/${l.year}/${l.project}/${l.subProject ?? 0}/${l.fundingSource}`;
      if (keys.has(key)) out.push(`${what}: twice`);
      keys.add(key);
      if (agencyOfProject(l.project) !== agency) out.push(`${what}: another agency's project`);
      if (l.disbursed !== (paid.get(l.id) ?? 0)) out.push(`${what}: disbursed ${l.disbursed}, paid ${paid.get(l.id) ?? 0}`);
      if (l.disbursed > l.allocated || l.overAllocated) out.push(`${what}: over the allocation`);
      if (!/^([0-9]{2}|[0-9]{5})$/.test(l.unitCode) || (l.unitCode.length === 2 && l.unitCode !== l.provinceCode))
        out.push(`${what}: unit`);
      if (Number(l.deadline.slice(0, 4)) < l.year || l.planned < 0 || l.allocated < 0) out.push(`${what}: deadline or amounts`);
    }
  }

  for (const p of data.communicationProducts) {
    const what = `communication product ${p.id} (${p.kind})`;
    if (p.subProject !== subProjectOfProduct(p.kind)) out.push(`${what}: sub-project`);
    if (p.householdsReached !== null && (p.householdsReached < 0 || p.householdsReached > p.audienceReach))
      out.push(`${what}: households reached`);
    if (p.programYear !== Number(p.publishedOn.slice(0, 4)) || !length(p.title, 1, 300) || !length(p.producingOffice, 1, 200))
      out.push(`${what}: year or texts`);
  }
  return out;
}

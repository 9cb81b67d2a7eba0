import { Random, type Row } from '@gnbv/kit';
import { AdminLevel, type AdminUnitLinkKind, type AdminUnit, type AdminUnitLinkRow } from '../admin-unit/admin-unit.entity';

/** The first day of the two-tier system (Resolution 202/2025/QH15): communes merged, districts gone. */
export const REFORM_DATE = '2025-07-01';

export const DEMO_PROVINCE = { code: '11', name: 'Tỉnh Điện Biên' };

/**
 * A former (pre-reform) commune of the demo province. Names are real places of Điện Biên; the
 * codes and which former communes went into which new one are invented for the demo.
 */
interface FormerCommune {
  code: string;
  name: string;
  district: string;
}

/**
 * The demo's communes today, each with the former communes it was formed from on 1 July 2025 and
 * the village each former commune brought. A new commune reuses the code of one predecessor (which
 * names different territory before and after); one former commune (Pá Khoang) was split between
 * two new ones, so it is a PART predecessor of both.
 */
export const DEMO_COMMUNES = [
  {
    code: '03160',
    name: 'Xã Mường Phăng',
    area: 'RURAL',
    villages: ['Bản Che Căn', 'Bản Khá', 'Bản Cang'],
    formedFrom: [
      { code: '03160', name: 'Xã Mường Phăng', district: 'Huyện Điện Biên', kind: 'WHOLE' },
      { code: '03157', name: 'Xã Nà Nhạn', district: 'Huyện Điện Biên', kind: 'WHOLE' },
      { code: '03172', name: 'Xã Pá Khoang', district: 'Huyện Điện Biên', kind: 'PART', note: 'Bản Cang' },
    ],
  },
  {
    code: '03163',
    name: 'Xã Nà Tấu',
    area: 'RURAL',
    villages: ['Bản Nà Tấu 1', 'Bản Co Muông', 'Bản Hả'],
    formedFrom: [
      { code: '03163', name: 'Xã Nà Tấu', district: 'Huyện Điện Biên', kind: 'WHOLE' },
      { code: '03175', name: 'Xã Mường Đăng', district: 'Huyện Mường Ảng', kind: 'WHOLE' },
      { code: '03172', name: 'Xã Pá Khoang', district: 'Huyện Điện Biên', kind: 'PART', note: 'Bản Hả' },
    ],
  },
  {
    code: '03166',
    name: 'Xã Thanh An',
    area: 'RURAL',
    villages: ['Thôn Hồng Thái', 'Thôn Bản Bông', 'Thôn Bản Ló'],
    formedFrom: [
      { code: '03166', name: 'Xã Thanh An', district: 'Huyện Điện Biên', kind: 'WHOLE' },
      { code: '03178', name: 'Xã Thanh Xương', district: 'Huyện Điện Biên', kind: 'WHOLE' },
      { code: '03181', name: 'Xã Thanh Chăn', district: 'Huyện Điện Biên', kind: 'WHOLE' },
    ],
  },
  {
    code: '03169',
    name: 'Phường Điện Biên Phủ',
    area: 'URBAN',
    villages: ['Tổ dân phố 1', 'Tổ dân phố 4', 'Tổ dân phố 7'],
    formedFrom: [
      { code: '03169', name: 'Phường Mường Thanh', district: 'Thành phố Điện Biên Phủ', kind: 'WHOLE' },
      { code: '03184', name: 'Phường Him Lam', district: 'Thành phố Điện Biên Phủ', kind: 'WHOLE' },
      { code: '03187', name: 'Phường Tân Thanh', district: 'Thành phố Điện Biên Phủ', kind: 'WHOLE' },
    ],
  },
] as const;

export interface DemoTerritory {
  units: Row<AdminUnit>[];
  links: AdminUnitLinkRow[];
  /** Today's unit of a commune code. */
  current: Map<string, Row<AdminUnit>>;
  /** The former unit a village of today's commune belonged to: `${communeCode}/${village}`. */
  formerOfVillage: Map<string, Row<AdminUnit>>;
}

/** The demo province's units before and after the reform, with their links. Ids from their own random stream. */
export function buildDemoTerritory(seed: number): DemoTerritory {
  const rnd = new Random(seed);
  const province: Row<AdminUnit> = {
    id: rnd.uuid(),
    code: DEMO_PROVINCE.code,
    name: DEMO_PROVINCE.name,
    level: AdminLevel.PROVINCE,
    parentCode: null,
    parentId: null,
    // Điện Biên kept its territory in 2025 (its communes were merged): one version since 2004.
    validFrom: '2004-01-01',
    validTo: null,
    districtName: null,
  };
  const units: Row<AdminUnit>[] = [province];
  const links: AdminUnitLinkRow[] = [];
  const current = new Map<string, Row<AdminUnit>>();
  const formerOfVillage = new Map<string, Row<AdminUnit>>();
  const former = new Map<string, Row<AdminUnit>>();
  const commune = (code: string, name: string, validFrom: string, validTo: string | null, district: string | null) => {
    const unit: Row<AdminUnit> = {
      id: rnd.uuid(),
      code,
      name,
      level: AdminLevel.COMMUNE,
      parentCode: province.code,
      parentId: province.id,
      validFrom,
      validTo,
      districtName: district,
    };
    units.push(unit);
    return unit;
  };
  for (const c of DEMO_COMMUNES) {
    for (const f of c.formedFrom as readonly (FormerCommune & { kind: string })[]) {
      if (!former.has(f.code)) former.set(f.code, commune(f.code, f.name, '2008-08-01', REFORM_DATE, f.district));
    }
  }
  for (const c of DEMO_COMMUNES) {
    const unit = commune(c.code, c.name, REFORM_DATE, null, null);
    current.set(c.code, unit);
    c.formedFrom.forEach((f, i) => {
      const predecessor = former.get(f.code) as Row<AdminUnit>;
      links.push({
        successorId: unit.id,
        predecessorId: predecessor.id,
        kind: f.kind as AdminUnitLinkKind,
        note: 'note' in f ? `${f.note} went to ${c.name}` : null,
      });
      formerOfVillage.set(`${c.code}/${c.villages[i]}`, predecessor);
    });
  }
  return { units, links, current, formerOfVillage };
}

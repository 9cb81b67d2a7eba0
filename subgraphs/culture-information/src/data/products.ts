import { SUPPORT_RULES, SupportKind, REFORM_DAY, type Offices, type Random } from '@gnbv/kit';
import type { CommunicationKind, CommunicationProductRow } from './tables';

/** What a communication product of each kind is called, and who produces it. */
export const COMMUNICATION_TITLES: Readonly<Record<CommunicationKind, readonly string[]>> = {
  BROADCAST: [
    'Bản tin giảm nghèo trên loa truyền thanh xã',
    'Chuyên mục: gương thoát nghèo ở bản',
    'Hỏi đáp chính sách hỗ trợ hộ cận nghèo',
    'Phát thanh tiếng dân tộc: vay vốn đúng mục đích',
  ],
  LEAFLET: ['Tờ gấp: quy trình rà soát hộ nghèo hằng năm', 'Tờ rơi: bảo hiểm y tế cho hộ cận nghèo', 'Sổ tay vay vốn ưu đãi'],
  STAGED_PERFORMANCE: ['Tiểu phẩm: bản làng thoát nghèo', 'Hội thi tuyên truyền viên giảm nghèo giỏi'],
  PUBLIC_INFORMATION_POINT: ['Điểm thông tin công cộng tại nhà văn hóa bản', 'Bảng tin điện tử tại trụ sở xã'],
};

/** Project 6's sub-project of information access (the household supports and public information points), as the catalogue numbers it. */
export const INFORMATION_SUB_PROJECT = SUPPORT_RULES[SupportKind.INTERNET_ACCESS].subProject as number;
/** Project 6's other sub-project: communication on poverty reduction (broadcasts, performances, leaflets). */
export const COMMUNICATION_SUB_PROJECT = INFORMATION_SUB_PROJECT === 1 ? 2 : 1;

/** The sub-project of a kind of communication product. */
export const subProjectOfProduct = (kind: CommunicationKind) =>
  kind === 'PUBLIC_INFORMATION_POINT' ? INFORMATION_SUB_PROJECT : COMMUNICATION_SUB_PROJECT;

/**
 * A communication product's sub-project, reach in households and producing office: broadcasts
 * reach most of the commune, a leaflet one household each, a performance's audience comes a
 * few to a household; public information points are information access.
 */
export function communicationDetails(
  rnd: Random,
  kind: CommunicationKind,
  audience: number,
  communeHouseholds: number,
  publishedDay: number,
  offices: Offices,
): Pick<CommunicationProductRow, 'subProject' | 'householdsReached' | 'producingOffice'> {
  const after = publishedDay >= REFORM_DAY;
  const subProject = subProjectOfProduct(kind);
  switch (kind) {
    case 'BROADCAST':
      return {
        subProject,
        householdsReached: Math.min(Math.round(audience / 3.2), Math.round(communeHouseholds * (0.6 + 0.35 * rnd.next()))),
        producingOffice: after ? offices.social : offices.broadcast,
      };
    case 'LEAFLET':
      return {
        subProject,
        householdsReached: Math.min(audience, communeHouseholds),
        producingOffice: offices.povertyDepartment,
      };
    case 'STAGED_PERFORMANCE':
      return {
        subProject,
        householdsReached: Math.min(communeHouseholds, Math.round(audience / (2 + rnd.next() * 1.5))),
        producingOffice: offices.mobileTeam,
      };
    case 'PUBLIC_INFORMATION_POINT':
      return {
        subProject,
        householdsReached: Math.min(communeHouseholds, Math.round(audience / (3 + rnd.next() * 2))),
        producingOffice: after ? offices.social : offices.information,
      };
  }
}

import type { TableSpec } from '@gnbv/kit';
import type { CommunicationProductKind } from '../communication-product/communication-product.entity';

/*
 * The agency's own table as the seed and the demo write it (the shape of its migrations
 * InformationAccess1763780200000 and ProjectSix1763900000000); its `support`, `budget_line` and
 * `disbursement` tables are the kit's programme tables.
 */

/** A kind of communication product, of CommunicationProductKind. */
export type CommunicationKind = `${CommunicationProductKind}`;

/** A Project 6 communication product (culture-information's `communication_product`). */
export interface CommunicationProductRow {
  id: string;
  communeCode: string;
  provinceCode: string;
  kind: CommunicationKind;
  title: string;
  publishedOn: string;
  /** People reached, as reported. */
  audienceReach: number;
  /** Information access for public information points, communication for the rest (subProjectOfProduct). */
  subProject: number;
  programYear: number;
  householdsReached: number | null;
  producingOffice: string;
  recordedBy: string;
}

export const COMMUNICATION_PRODUCT_TABLE: TableSpec<CommunicationProductRow> = {
  table: 'communication_product',
  columns: [
    { name: 'id', value: (r) => r.id },
    { name: 'commune_code', value: (r) => r.communeCode },
    { name: 'province_code', value: (r) => r.provinceCode },
    { name: 'kind', value: (r) => r.kind },
    { name: 'title', value: (r) => r.title },
    { name: 'published_on', value: (r) => r.publishedOn },
    { name: 'audience_reach', value: (r) => r.audienceReach },
    { name: 'sub_project', value: (r) => r.subProject },
    { name: 'program_year', value: (r) => r.programYear },
    { name: 'households_reached', value: (r) => r.householdsReached },
    { name: 'producing_office', value: (r) => r.producingOffice },
    { name: 'recorded_by', value: (r) => r.recordedBy },
  ],
};

import { programTablesMigration } from '@gnbv/kit';

/** Labor's own projects (2 livelihoods, 4 vocational training and jobs, 5 housing, 7 M&E): supports and budget lines. */
export class LaborProjects1763900000000 extends programTablesMigration('LaborProjects1763900000000') {}

import { SupportKind, targeted, type HouseholdSupports, type SupportRow } from '@gnbv/kit';

/**
 * The agency's supports of a household, one of the plans the kit's generateSupports runs: devices
 * and connections (Project 6 information access), mostly where the latest review found the
 * household without telecom (11) or devices (12); a few elsewhere, as happens.
 */
export function cultureInformationSupports(s: HouseholdSupports, reach: number, out: { cultureSupports: SupportRow[] }): void {
  const { rnd } = s;
  const p = s.period(targeted);
  if (!p) return;
  const noTelecom = p.deprived[10] as boolean;
  const noDevices = p.deprived[11] as boolean;
  if (!rnd.chance(noTelecom || noDevices ? 0.4 : 0.03 * reach)) return;
  const kind = noDevices
    ? rnd.pick([SupportKind.TELEVISION, SupportKind.RADIO, SupportKind.PHONE, SupportKind.PHONE])
    : noTelecom
      ? rnd.pick([SupportKind.INTERNET_ACCESS, SupportKind.PHONE])
      : rnd.pick([SupportKind.PHONE, SupportKind.TELEVISION, SupportKind.INTERNET_ACCESS]);
  s.add(s.draft(kind, p), out.cultureSupports);
  if (kind === SupportKind.PHONE && noTelecom && rnd.chance(0.3))
    s.add(s.draft(SupportKind.INTERNET_ACCESS, p), out.cultureSupports);
}

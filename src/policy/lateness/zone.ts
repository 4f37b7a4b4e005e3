/**
 * A time zone whose UTC offsets are remembered per quarter hour. luxon asks
 * `Intl.DateTimeFormat` for the offset of every zoned DateTime it makes (a
 * few µs each); a month end makes one per clock event (634,000 at 10,000
 * staff), nearly all in the same few offsets. Same answers as luxon's own
 * IANA zone: an offset is remembered for a quarter hour only when the zone
 * has it at both ends of that quarter hour (no zone changes its offset twice
 * within 15 minutes); a quarter hour with a change in it is asked each time.
 * The zone is equal to luxon's zone of the same name (`equals`, `name`), and
 * keeps nothing on itself (DateTimes made with it compare equal to others).
 */
import { IANAZone, type Zone } from 'luxon';

const QUARTER_HOUR = 15 * 60_000;
/** Offsets (minutes) per zone name and quarter-hour index. */
const offsets = new Map<string, Map<number, number>>();

class CachedIanaZone extends IANAZone {
  override offset(ts: number): number {
    const q = Math.floor(ts / QUARTER_HOUR);
    let known = offsets.get(this.name);
    if (!known) offsets.set(this.name, (known = new Map()));
    const hit = known.get(q);
    if (hit !== undefined) return hit;
    const start = q * QUARTER_HOUR;
    const atStart = super.offset(start);
    if (!Number.isFinite(atStart) || super.offset(start + QUARTER_HOUR - 1) !== atStart) return super.offset(ts);
    if (known.size >= 100_000) known.clear();
    known.set(q, atStart);
    return atStart;
  }
}

const zones = new Map<string, Zone>();

/** The zone of that IANA name with remembered offsets (an invalid name gives luxon's invalid zone, as a string would). */
export function cachedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = IANAZone.isValidZone(name) ? new CachedIanaZone(name) : IANAZone.create(name)));
  return zone;
}

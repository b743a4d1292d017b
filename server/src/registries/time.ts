/**
 * Registry timestamps in the forms seen in the wild: npm `2021-02-20T15:42:16.891Z`, the local
 * mirror's `2026-08-08T20:36:04.544000+00:00`, NuGet's 7-digit fractions, PyPI's zone-less
 * `upload_time` (which is UTC). A value without a zone is read as UTC, never as local time.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** NuGet marks unlisted versions by a 1900 publish date: that is a flag, not an age. */
export function isNugetUnlistedDate(time: number | undefined): boolean {
  return time !== undefined && new Date(time).getUTCFullYear() <= 1900;
}

/** `2026-11-20`, for messages. */
export function formatDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** "3 days ago", "5 hours ago", for messages. */
export function formatAge(now: number, time: number): string {
  const hours = Math.max(0, (now - time) / 3_600_000);
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/**
 * An OSV record (GET /v1/vulns/<id>) → Advisory. Malware is recognised by data, never by prose:
 * an id or alias starting with `MAL-`, a `malicious-packages-origins` entry, or CWE-506
 * (embedded malicious code). Severity comes from the database's own rating, else from a CVSS v3
 * vector. Withdrawn records are dropped.
 */
import type { Ecosystem } from '../../model/model';
import { normalizeName } from '../../model/names';
import { TEXT_CAP, capText } from '../client';
import { asArray, asObject, field, identifierField, identifierList, objectField, stringField, urlField, type JsonObject } from '../json';
import type { Advisory, AdvisorySeverity } from '../types';
import { cvss3BaseScore, severityOfScore } from './cvss';

export const OSV_ECOSYSTEM: Record<Ecosystem, string> = { npm: 'npm', pypi: 'PyPI', nuget: 'NuGet' };

const RATING: Record<string, AdvisorySeverity> = { LOW: 'low', MODERATE: 'moderate', MEDIUM: 'moderate', HIGH: 'high', CRITICAL: 'critical' };

export function parseOsvRecord(doc: unknown, ecosystem: Ecosystem, name: string): Advisory | undefined {
  const root = asObject(doc);
  const id = identifierField(root, 'id');
  if (!root || !id) return undefined;
  if (stringField(root, 'withdrawn')) return undefined;
  const aliases = identifierList(field(root, 'aliases'));
  const affected = asArray(field(root, 'affected')).map(asObject).filter((a): a is JsonObject => a !== undefined && isPackage(a, ecosystem, name));
  const score = scoreOf(root);
  const rating = ratingOf(root, affected);
  return {
    id,
    aliases,
    summary: capText(stringField(root, 'summary') ?? stringField(root, 'details')?.split(/\r?\n/)[0], TEXT_CAP.message),
    severity: rating ?? (score !== undefined ? severityOfScore(score) : undefined),
    score,
    fixed: [...new Set(affected.flatMap(fixedVersions))].slice(0, 100),
    url: advisoryUrl(root, id),
    malicious: isMalicious(root, id, aliases),
  };
}

function isPackage(affected: JsonObject, ecosystem: Ecosystem, name: string): boolean {
  const pkg = objectField(affected, 'package');
  const eco = stringField(pkg, 'ecosystem')?.split(':')[0];
  const pkgName = stringField(pkg, 'name');
  return eco === OSV_ECOSYSTEM[ecosystem] && pkgName !== undefined && normalizeName(ecosystem, pkgName) === normalizeName(ecosystem, name);
}

function fixedVersions(affected: JsonObject): string[] {
  return asArray(field(affected, 'ranges')).flatMap((range) =>
    asArray(field(asObject(range), 'events')).flatMap((e) => {
      const fixed = identifierField(asObject(e), 'fixed');
      return fixed ? [fixed] : [];
    }),
  );
}

function ratingOf(root: JsonObject, affected: JsonObject[]): AdvisorySeverity | undefined {
  const candidates = [stringField(objectField(root, 'database_specific'), 'severity'), ...affected.flatMap((a) => [stringField(objectField(a, 'database_specific'), 'severity'), stringField(objectField(a, 'ecosystem_specific'), 'severity')])];
  return candidates.map((c) => (c ? RATING[c.toUpperCase()] : undefined)).find((r) => r !== undefined);
}

function scoreOf(root: JsonObject): number | undefined {
  for (const s of asArray(field(root, 'severity'))) {
    const score = stringField(asObject(s), 'score');
    const value = score ? cvss3BaseScore(score) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

function isMalicious(root: JsonObject, id: string, aliases: string[]): boolean {
  if ([id, ...aliases].some((a) => a.startsWith('MAL-'))) return true;
  const db = objectField(root, 'database_specific');
  if (field(db, 'malicious-packages-origins') !== undefined) return true;
  const cwes = [
    ...asArray(field(db, 'cwe_ids')),
    ...asArray(field(root, 'affected')).flatMap((a) => asArray(field(objectField(asObject(a), 'database_specific'), 'cwes')).map((c) => stringField(asObject(c), 'cweId'))),
  ];
  return cwes.includes('CWE-506');
}

function advisoryUrl(root: JsonObject, id: string): string {
  const refs = asArray(field(root, 'references')).map(asObject);
  const advisory = refs.find((r) => stringField(r, 'type') === 'ADVISORY' && /^https:\/\//.test(urlField(r, 'url') ?? ''));
  return urlField(advisory, 'url') ?? `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/**
 * PyPI's JSON API (GET <pypi>/<project>/json) → PackageInfo. A release's publish time is its
 * earliest file upload; it is yanked when its files are (PyPI yanks whole releases); it "builds
 * from source" when it has a source archive and no wheel. The project endpoint's `vulnerabilities`
 * belong to `info.version` only; withdrawn ones are skipped.
 */
import { TEXT_CAP, capText } from '../client';
import { asArray, asObject, entries, field, identifierField, identifierList, MAX_IDENTIFIER, objectField, stringField, urlField, urlOf, type JsonObject } from '../json';
import { parseTimestamp } from '../time';
import type { Advisory, PackageInfo, VersionInfo } from '../types';
import { requiredNames } from './requiresDist';

export interface DistributionFile {
  filename: string;
  kind: 'wheel' | 'sdist' | 'other';
  uploaded?: number;
  yanked: boolean;
  yankedReason?: string;
}

export function parsePypiJson(doc: unknown, requestedName: string, source: string): PackageInfo | undefined {
  const root = asObject(doc);
  const info = objectField(root, 'info');
  if (!root || !info) return undefined;
  const latest = identifierField(info, 'version');
  const versions = entries(field(root, 'releases'))
    .filter(([version]) => version.length <= MAX_IDENTIFIER)
    .map(([version, files]) => releaseInfo(version, asArray(files).map(fileOf)));
  // The version endpoint has no `releases`: its `urls` are the files of `info.version`.
  if (versions.length === 0 && latest) versions.push(releaseInfo(latest, asArray(field(root, 'urls')).map(fileOf)));
  const advisories = asArray(field(root, 'vulnerabilities')).flatMap(pypiAdvisory);
  const latestInfo = versions.find((v) => v.version === latest);
  if (latestInfo && advisories.length > 0) latestInfo.advisories = advisories;
  // `info` describes one release only (the latest, or the one the version endpoint was asked for).
  const dependencies = requiredNames(field(info, 'requires_dist'));
  if (latestInfo && dependencies) latestInfo.dependencies = dependencies;
  return {
    ecosystem: 'pypi',
    name: identifierField(info, 'name') ?? requestedName,
    source,
    description: capText(stringField(info, 'summary'), TEXT_CAP.description),
    license: licenseOf(info),
    latest,
    repository: capText(repositoryOf(objectField(info, 'project_urls')), TEXT_CAP.url),
    homepage: capText(stringField(info, 'home_page') || urlOf(field(objectField(info, 'project_urls'), 'Homepage')), TEXT_CAP.url),
    versions,
  };
}

function fileOf(raw: unknown): DistributionFile {
  const f = asObject(raw);
  const type = stringField(f, 'packagetype');
  const yanked = field(f, 'yanked');
  return {
    filename: stringField(f, 'filename') ?? '',
    kind: type === 'bdist_wheel' ? 'wheel' : type === 'sdist' ? 'sdist' : 'other',
    uploaded: parseTimestamp(stringField(f, 'upload_time_iso_8601') ?? stringField(f, 'upload_time')),
    yanked: yanked === true,
    yankedReason: stringField(f, 'yanked_reason') ?? undefined,
  };
}

/** Facts of one release from its files (shared with the simple index reader). */
export function releaseInfo(version: string, files: DistributionFile[]): VersionInfo {
  const info: VersionInfo = { version };
  if (files.length === 0) return info; // a release without files: nothing is known about it
  const times = files.map((f) => f.uploaded).filter((t): t is number => t !== undefined);
  if (times.length > 0) info.published = Math.min(...times);
  const yanked = files.find((f) => f.yanked);
  if (yanked) info.yanked = { reason: capText(yanked.yankedReason, TEXT_CAP.message) };
  info.distributions = { wheels: files.filter((f) => f.kind === 'wheel').length, sdists: files.filter((f) => f.kind === 'sdist').length };
  return info;
}

function pypiAdvisory(raw: unknown): Advisory[] {
  const v = asObject(raw);
  const id = identifierField(v, 'id');
  if (!id || (field(v, 'withdrawn') !== undefined && field(v, 'withdrawn') !== null)) return [];
  const aliases = identifierList(field(v, 'aliases'));
  return [
    {
      id,
      aliases,
      summary: capText(stringField(v, 'summary') ?? stringField(v, 'details'), TEXT_CAP.message),
      fixed: identifierList(field(v, 'fixed_in')),
      url: urlField(v, 'link'),
      malicious: [id, ...aliases].some((a) => a.startsWith('MAL-')),
    },
  ];
}

function licenseOf(info: JsonObject): string | undefined {
  const expression = stringField(info, 'license_expression');
  if (expression?.trim()) return capText(expression, 100);
  // `license` is sometimes the whole license text: keep its first line.
  const license = stringField(info, 'license')?.trim().split(/\r?\n/)[0];
  if (license) return capText(license, 100);
  const classifier = asArray(field(info, 'classifiers')).find((c): c is string => typeof c === 'string' && c.startsWith('License :: '));
  return classifier ? capText(classifier.split(' :: ').pop(), 100) : undefined;
}

function repositoryOf(urls: JsonObject | undefined): string | undefined {
  for (const [key, value] of entries(urls)) {
    if (/^(source|source code|repository|code|github)$/i.test(key.trim()) && typeof value === 'string') return value;
  }
  return undefined;
}

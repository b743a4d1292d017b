/**
 * NuGet registration documents (RegistrationsBaseUrl/3.6.0): the index lists pages; small
 * packages have every leaf inlined, larger ones leave `items` out and each page is fetched by its
 * `@id`. Each leaf's `catalogEntry` gives a version's `published` date (1900 = unlisted),
 * `listed`, `deprecation` and `vulnerabilities`.
 */
import { TEXT_CAP, capText } from '../client';
import { asArray, asObject, field, identifierField, identifierList, objectField, stringField, urlField, type JsonObject } from '../json';
import { isNugetUnlistedDate, parseTimestamp } from '../time';
import type { Advisory, AdvisorySeverity, Deprecation, VersionInfo } from '../types';

/** What a leaf contributes: the version's facts and the package-level fields of its entry. */
export interface RegistrationLeaf {
  info: VersionInfo;
  id?: string;
  description?: string;
  license?: string;
  projectUrl?: string;
}

export interface RegistrationPage {
  /** Set when the page's leaves are not inlined and must be fetched. */
  url?: string;
  leaves: RegistrationLeaf[];
}

export function parseRegistrationIndex(doc: unknown): RegistrationPage[] | undefined {
  const root = asObject(doc);
  if (!root || !Array.isArray(field(root, 'items'))) return undefined;
  return asArray(field(root, 'items')).flatMap((raw) => {
    const page = asObject(raw);
    if (!page) return [];
    const items = field(page, 'items');
    if (Array.isArray(items)) return [{ leaves: items.flatMap(parseLeaf) }];
    const url = urlField(page, '@id');
    return url ? [{ url, leaves: [] }] : [];
  });
}

export function parseRegistrationPage(doc: unknown): RegistrationLeaf[] | undefined {
  const items = field(asObject(doc), 'items');
  return Array.isArray(items) ? items.flatMap(parseLeaf) : undefined;
}

function parseLeaf(raw: unknown): RegistrationLeaf[] {
  const leaf = asObject(raw);
  const entry = objectField(leaf, 'catalogEntry');
  const version = identifierField(entry, 'version');
  if (!entry || !version) return [];
  const published = parseTimestamp(stringField(entry, 'published'));
  const info: VersionInfo = { version };
  if (isNugetUnlistedDate(published) || field(entry, 'listed') === false) info.unlisted = true;
  if (published !== undefined && !isNugetUnlistedDate(published)) info.published = published;
  const deprecation = deprecationOf(objectField(entry, 'deprecation'));
  if (deprecation) info.deprecated = deprecation;
  const advisories = asArray(field(entry, 'vulnerabilities')).flatMap(vulnerabilityOf);
  if (advisories.length > 0) info.advisories = advisories;
  const catalogUrl = urlField(entry, '@id');
  if (catalogUrl) info.catalogUrl = catalogUrl;
  const dependencies = dependencyIds(field(entry, 'dependencyGroups'));
  if (dependencies) info.dependencies = dependencies;
  const contentUrl = urlField(leaf, 'packageContent') ?? urlField(entry, 'packageContent');
  if (contentUrl && /^https?:\/\//i.test(contentUrl)) info.contentUrl = contentUrl;
  return [
    {
      info,
      id: identifierField(entry, 'id'),
      description: capText(stringField(entry, 'description') || stringField(entry, 'summary'), TEXT_CAP.description),
      license: capText(stringField(entry, 'licenseExpression') || stringField(entry, 'licenseUrl'), 200),
      projectUrl: capText(stringField(entry, 'projectUrl'), TEXT_CAP.url),
    },
  ];
}

/**
 * Every package ID any target framework's group depends on, sorted. `dependencyGroups` is
 * optional in the documented format and left out when there are none, so absence reads as [].
 */
function dependencyIds(groups: unknown): string[] | undefined {
  if (groups !== undefined && !Array.isArray(groups)) return undefined;
  const ids = new Set<string>();
  for (const group of asArray(groups).slice(0, 100)) {
    for (const dep of asArray(field(asObject(group), 'dependencies')).slice(0, 300)) {
      const id = identifierField(asObject(dep), 'id');
      if (id) ids.add(id);
    }
  }
  return [...ids].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

function deprecationOf(dep: JsonObject | undefined): Deprecation | undefined {
  if (!dep) return undefined;
  const reasons = identifierList(field(dep, 'reasons'), 10);
  const alt = objectField(dep, 'alternatePackage');
  const altId = identifierField(alt, 'id');
  const altRange = identifierField(alt, 'range');
  return {
    message: capText(stringField(dep, 'message'), TEXT_CAP.message),
    reasons,
    alternative: altId ? `${altId}${altRange && altRange !== '*' ? ` ${altRange}` : ''}` : undefined,
  };
}

/** NuGet severities are "0".."3"; anything else is treated as Low, as NuGet does. */
const SEVERITY: Record<string, AdvisorySeverity> = { '0': 'low', '1': 'moderate', '2': 'high', '3': 'critical' };

function vulnerabilityOf(raw: unknown): Advisory[] {
  const v = asObject(raw);
  const url = urlField(v, 'advisoryUrl');
  if (!url) return [];
  const id = capText(url.replace(/\/+$/, '').split('/').pop() || url, 100) as string;
  const given = field(v, 'severity');
  // Only a number or a string names a level: String() of a hostile object can throw, and
  // "constructor" must not find Object.prototype's.
  const level = typeof given === 'number' || typeof given === 'string' ? String(given) : undefined;
  const severity = level !== undefined && Object.hasOwn(SEVERITY, level) ? SEVERITY[level] : undefined;
  return [{ id, aliases: [], url, severity: severity ?? 'low', fixed: [], malicious: false }];
}

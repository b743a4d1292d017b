/**
 * An npm packument (GET <registry>/<name>) → PackageInfo. Reads the full format (per-version
 * package.json fields plus `_npmUser`, `deprecated`, `dist.attestations`, and `time`) and copes
 * with what mirrors strip: a version with none of the registry-added fields has an unknown
 * publisher and unknown provenance, not "none". The abbreviated format (`hasInstallScript`, no
 * `scripts`, no `time`, `modified` at the top; what locked packages are fetched as) is understood
 * too: what it leaves out stays unknown, and the result says it is abbreviated.
 */
import { TEXT_CAP, capText } from '../client';
import { asIdentifier, asObject, asString, entries, field, identifierField, MAX_IDENTIFIER, objectField, stringField, urlOf, type JsonObject } from '../json';
import { parseTimestamp } from '../time';
import type { InstallScript, PackageInfo, VersionInfo } from '../types';
import { addReleaseFacts } from './releaseHistory';

/** Scripts npm runs when the package is installed as a dependency. */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

export function parsePackument(doc: unknown, requestedName: string, source: string): PackageInfo | undefined {
  const root = asObject(doc);
  if (!root) return undefined;
  const versionsObj = objectField(root, 'versions');
  if (!versionsObj) return undefined;
  const times = objectField(root, 'time');
  // npm's abbreviated form has `modified` and no `time`; a mirror that ignores the Accept header sends the full one.
  const abbreviated = times === undefined && field(root, 'modified') !== undefined;
  const distTags = entries(field(root, 'dist-tags'))
    .flatMap(([tag, v]): Array<[string, string]> => (tag.length <= MAX_IDENTIFIER && asIdentifier(v) !== undefined ? [[tag, v as string]] : []))
    .slice(0, 100);
  const latest = distTags.find(([tag]) => tag === 'latest')?.[1];
  const versions = entries(versionsObj).flatMap(([version, raw]) => {
    const obj = asObject(raw);
    return obj && version.length <= MAX_IDENTIFIER ? [parseVersion(version, obj, field(times, version), abbreviated)] : [];
  });
  const latestDoc = latest ? objectField(versionsObj, latest) : undefined;
  const modified = parseTimestamp(field(root, 'modified') ?? field(times, 'modified'));
  return {
    ecosystem: 'npm',
    name: identifierField(root, 'name') ?? requestedName,
    source,
    description: capText(stringField(root, 'description') ?? stringField(latestDoc, 'description'), TEXT_CAP.description),
    license: licenseOf(field(root, 'license') ?? field(latestDoc, 'license')),
    latest,
    distTags,
    repository: capText(urlOf(field(root, 'repository') ?? field(latestDoc, 'repository')), TEXT_CAP.url),
    homepage: capText(stringField(root, 'homepage') ?? stringField(latestDoc, 'homepage'), TEXT_CAP.url),
    ...(modified !== undefined ? { modified } : {}),
    ...(abbreviated ? { abbreviated: true as const } : {}),
    versions,
  };
}

function parseVersion(version: string, doc: JsonObject, time: unknown, abbreviated: boolean): VersionInfo {
  const dist = objectField(doc, 'dist');
  const npmUser = objectField(doc, '_npmUser');
  // Fields only the registry adds: when none is present, a mirror stripped them and we know nothing.
  // The abbreviated form keeps `dist.signatures` but drops `_npmUser`: no attestation there is not "none".
  const registryAdded = !abbreviated && (npmUser !== undefined || field(dist, 'signatures') !== undefined || field(doc, '_npmVersion') !== undefined);
  const info: VersionInfo = addReleaseFacts({ version, published: parseTimestamp(time), installScripts: installScriptsOf(doc) }, doc);
  const deprecated = asString(field(doc, 'deprecated'));
  if (deprecated) info.deprecated = { message: capText(deprecated, TEXT_CAP.message) };
  const publisher = identifierField(npmUser, 'name');
  if (publisher) {
    const trusted = identifierField(objectField(npmUser, 'trustedPublisher'), 'id');
    info.publisher = trusted ? { name: publisher, trustedPublisher: trusted } : { name: publisher };
  }
  if (asObject(field(dist, 'attestations'))) info.provenance = true;
  else if (registryAdded) info.provenance = false;
  return info;
}

function installScriptsOf(doc: JsonObject): InstallScript[] | undefined {
  const scripts = objectField(doc, 'scripts');
  const found: InstallScript[] = [];
  for (const name of INSTALL_SCRIPTS) {
    const command = stringField(scripts, name);
    if (command?.trim()) found.push({ name, command: capText(command, TEXT_CAP.script) as string });
  }
  // npm runs `node-gyp rebuild` for a package with a binding.gyp and no install/preinstall script.
  if (field(doc, 'gypfile') === true && !found.some((s) => s.name === 'install' || s.name === 'preinstall')) {
    found.push({ name: 'install (binding.gyp)', command: 'node-gyp rebuild' });
  }
  if (found.length > 0) return found;
  if (field(doc, 'hasInstallScript') === true) return [{ name: 'install', command: '(the registry does not show the script)' }];
  // The abbreviated format has no `scripts` at all: absence there says nothing.
  return scripts !== undefined || field(doc, 'hasInstallScript') === false || field(doc, '_id') !== undefined ? [] : undefined;
}

function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string') return capText(value, 100);
  const type = stringField(asObject(value), 'type');
  if (type) return capText(type, 100);
  if (Array.isArray(value)) return capText(value.map(licenseOf).filter(Boolean).join(' OR '), 100);
  return undefined;
}

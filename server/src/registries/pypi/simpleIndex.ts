/**
 * A PEP 691 simple index project page (JSON form) → PackageInfo: versions from file names (and
 * the PEP 700 `versions` list), upload times, yanks, and the PEP 792 project status. The simple
 * API carries no description, license or advisories; those stay unknown.
 */
import { normalizeName } from '../../model/names';
import { TEXT_CAP, capText } from '../client';
import { asArray, asObject, field, identifierField, identifierList, type JsonObject, MAX_IDENTIFIER, stringField } from '../json';
import { parseTimestamp } from '../time';
import type { PackageInfo, ProjectStatus } from '../types';
import { releaseInfo, type DistributionFile } from './pypiJson';

export const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

export function parseSimpleIndex(doc: unknown, requestedName: string, source: string): PackageInfo | undefined {
  const root = asObject(doc);
  if (!root || !Array.isArray(field(root, 'files'))) return undefined;
  const project = identifierField(root, 'name') ?? requestedName;
  const byVersion = new Map<string, DistributionFile[]>();
  for (const version of identifierList(field(root, 'versions'), Infinity)) byVersion.set(version, []);
  for (const raw of asArray(field(root, 'files'))) {
    const file = asObject(raw);
    const filename = stringField(file, 'filename');
    const parsed = filename ? versionOfFile(filename, project) : undefined;
    if (!filename || !parsed || parsed.version.length > MAX_IDENTIFIER) continue;
    const yanked = field(file, 'yanked');
    const list = byVersion.get(parsed.version) ?? [];
    list.push({
      filename,
      kind: parsed.kind,
      uploaded: parseTimestamp(field(file, 'upload-time')),
      yanked: yanked === true || (typeof yanked === 'string' && yanked !== ''),
      yankedReason: typeof yanked === 'string' && yanked !== '' ? yanked : undefined,
    });
    byVersion.set(parsed.version, list);
  }
  const info: PackageInfo = { ecosystem: 'pypi', name: project, source, versions: [...byVersion].map(([version, files]) => releaseInfo(version, files)) };
  const status = projectStatus(root);
  if (status) info.status = status;
  return info;
}

const STATUSES: ReadonlySet<string> = new Set(['quarantined', 'archived', 'deprecated']);

/**
 * PEP 792 (api-version 1.4): `project-status: {status, reason}` at the top level, or, as the PEP's
 * own example has it, `project-status` and `project-status-reason` inside `meta`. `active` and
 * values this version does not know say nothing.
 */
function projectStatus(root: JsonObject): ProjectStatus | undefined {
  const top = asObject(field(root, 'project-status'));
  const meta = asObject(field(root, 'meta'));
  const status = top ? stringField(top, 'status') : stringField(meta, 'project-status');
  const reason = top ? stringField(top, 'reason') : stringField(meta, 'project-status-reason');
  if (!status || !STATUSES.has(status.toLowerCase())) return undefined;
  const shown = capText(reason, TEXT_CAP.message);
  return { status: status.toLowerCase() as ProjectStatus['status'], ...(shown ? { reason: shown } : {}) };
}

const SDIST = /\.(tar\.gz|tar\.bz2|tar\.xz|zip|tgz)$/i;

/** `name-1.0-py3-none-any.whl` → 1.0 (wheel); `name-1.0.tar.gz` → 1.0 (sdist); names may contain `-`. */
export function versionOfFile(filename: string, project: string): { version: string; kind: DistributionFile['kind'] } | undefined {
  if (filename.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    return parts.length >= 5 ? { version: parts[1], kind: 'wheel' } : undefined;
  }
  const ext = SDIST.exec(filename);
  if (!ext) return undefined;
  const base = filename.slice(0, -ext[0].length);
  const wanted = normalizeName('pypi', project);
  for (let i = base.indexOf('-'); i !== -1; i = base.indexOf('-', i + 1)) {
    if (normalizeName('pypi', base.slice(0, i)) === wanted) return { version: base.slice(i + 1), kind: 'sdist' };
  }
  return undefined;
}

/**
 * The "changes in X since Y" card of a dependency hover: how the version that resolves differs
 * from the release before it (rules/releaseChanges.ts) — dependencies added and removed, install
 * scripts, publisher, provenance, size, days between them. Lines whose facts either side lacks are
 * left out rather than shown as "no change". Registry text is escaped (model/markdown.ts).
 */
import { inlineCode } from '../model/markdown';
import { formatBytes, releaseChanges } from '../rules/releaseChanges';
import type { DependencyFacts, Publisher, RegistryView, VersionInfo } from '../registries/types';

const DAY_MS = 24 * 60 * 60_000;
const LISTED = 6;

export function releaseChangesHoverLines(view: RegistryView, facts: DependencyFacts | undefined): string[] {
  if (facts?.state !== 'found' || !facts.resolved?.info) return [];
  const current = facts.resolved.info;
  const changes = releaseChanges(view, facts.package, current, facts.installFiles);
  if (!changes) return [];
  const { previous } = changes;
  const gap = current.published !== undefined && previous.published !== undefined ? Math.round((current.published - previous.published) / DAY_MS) : undefined;
  const when = gap === undefined ? '' : gap >= 0 ? ` · ${gap} day${gap === 1 ? '' : 's'} after it` : ` · published ${-gap} days before it`;
  const rows = [dependencyRow(changes.added, changes.removed), scriptRow(current, previous), publisherRow(current, previous), provenanceRow(current, previous), sizeRow(current, previous)].filter((r): r is string => r !== undefined);
  const title = `**Changes in ${inlineCode(current.version, 60)} since ${inlineCode(previous.version, 60)}**${when}`;
  return ['', title, ...(rows.length > 0 ? ['', ...rows.map((r) => `- ${r}`)] : ['', '_The registry gives nothing to compare them by._'])];
}

function names(list: readonly string[]): string {
  return `${list.slice(0, LISTED).map((n) => inlineCode(n, 80)).join(', ')}${list.length > LISTED ? `, +${list.length - LISTED}` : ''}`;
}

function dependencyRow(added: string[] | undefined, removed: string[] | undefined): string | undefined {
  if (!added || !removed) return undefined;
  if (added.length === 0 && removed.length === 0) return 'Dependencies: unchanged';
  return `Dependencies: ${[added.length > 0 ? `added ${names(added)}` : undefined, removed.length > 0 ? `removed ${names(removed)}` : undefined].filter(Boolean).join('; ')}`;
}

function scriptRow(current: VersionInfo, previous: VersionInfo): string | undefined {
  const now = current.installScripts;
  const then = previous.installScripts;
  if (now && then) {
    if (now.length === 0 && then.length === 0) return 'Install scripts: none';
    const label = (list: typeof now) => (list.length > 0 ? names(list.map((s) => s.name)) : 'none');
    return `Install scripts: ${label(then)} → ${label(now)}`;
  }
  const a = current.distributions;
  const b = previous.distributions;
  if (a && b) return `Wheels: ${b.wheels} → ${a.wheels}${a.wheels === 0 && a.sdists > 0 ? ' (built from source on install)' : ''}`;
  return undefined;
}

function publisherRow(current: VersionInfo, previous: VersionInfo): string | undefined {
  if (!current.publisher || !previous.publisher) return undefined;
  const label = (p: Publisher) => inlineCode(p.trustedPublisher ? `${p.name} (trusted publishing: ${p.trustedPublisher})` : p.name, 100);
  const same = current.publisher.name === previous.publisher.name && current.publisher.trustedPublisher === previous.publisher.trustedPublisher;
  return same ? `Publisher: ${label(current.publisher)}, as before` : `Publisher: ${label(previous.publisher)} → ${label(current.publisher)}`;
}

function provenanceRow(current: VersionInfo, previous: VersionInfo): string | undefined {
  if (current.provenance === undefined || previous.provenance === undefined) return undefined;
  if (current.provenance === previous.provenance) return `Provenance: ${current.provenance ? 'attested' : 'none'}, as before`;
  return `Provenance: ${previous.provenance ? 'attested → **none**' : 'none → attested'}`;
}

function sizeRow(current: VersionInfo, previous: VersionInfo): string | undefined {
  if (current.unpackedSize !== undefined && previous.unpackedSize !== undefined) {
    const files = current.fileCount !== undefined && previous.fileCount !== undefined ? `, ${previous.fileCount} → ${current.fileCount} files` : '';
    return `Size: ${formatBytes(previous.unpackedSize)} → ${formatBytes(current.unpackedSize)} unpacked${files}`;
  }
  return undefined;
}

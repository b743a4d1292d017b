/**
 * The registry part of a dependency hover: what the registry says about the package and the
 * version that resolves — description, license, latest, publish date and publisher, install
 * scripts, deprecation, advisories, links. Everything here is registry text, so all of it goes
 * through model/markdown.ts (escaped, stripped of control and bidi characters, capped), and only
 * http(s) URLs become links.
 */
import { escapeMarkdown, inlineCode, safeLink } from '../model/markdown';
import { formatAge, formatDate } from '../registries/time';
import { hostOf } from '../registries/errors';
import type { Advisory, DependencyFacts, ExtraIndexFacts, FoundFacts } from '../registries/types';

export function registryHoverLines(facts: DependencyFacts | undefined, now: number): string[] {
  if (!facts) return [];
  switch (facts.state) {
    case 'pending':
      return ['', '_Checking the registry…_'];
    case 'unchecked':
      return ['', `Registry: not checked — ${escapeMarkdown(facts.reason, 300)}.`];
    case 'not-found':
      return ['', `**Not found on ${escapeMarkdown(facts.source, 100)}**${cached(facts.cachedAt)}.`];
    case 'found':
      return foundLines(facts, now);
  }
}

/** PyPI: what each `--extra-index-url` says of the package, since pip takes the highest version any index serves. */
export function extraIndexHoverLines(extras: readonly ExtraIndexFacts[]): string[] {
  return extras.flatMap((e) => {
    const where = `Extra index ${inlineCode(hostOf(e.index), 100)}`;
    if (e.state === 'not-found') return ['', `${where}: does not serve it.`];
    const versions = e.package.versions.map((v) => v.version);
    const latest = e.package.latest ?? versions[versions.length - 1];
    return ['', `${where}: serves it${latest ? ` (latest ${inlineCode(latest, 60)})` : ''}; pip installs the highest version any of its indexes has.`];
  });
}

function cached(at: number | undefined): string {
  return at === undefined ? '' : ` · cached answer from ${formatDate(at)}`;
}

function foundLines(facts: FoundFacts, now: number): string[] {
  const pkg = facts.package;
  const lines = ['', '---', '', `**Registry** · ${escapeMarkdown(pkg.source, 100)}${cached(facts.cachedAt)}`];
  if (pkg.status) lines.push('', `**Project ${pkg.status.status}**${pkg.status.reason ? `: ${escapeMarkdown(pkg.status.reason, 300)}` : ''}.`);
  if (pkg.description) lines.push('', escapeMarkdown(pkg.description, 400));
  const about = [pkg.license ? `License: ${inlineCode(pkg.license, 80)}` : undefined, pkg.latest ? `Latest: ${inlineCode(pkg.latest, 60)}` : undefined].filter(Boolean);
  if (about.length > 0) lines.push('', about.join(' · '));
  lines.push('', ...resolvedLines(facts, now));
  lines.push(...advisoryLines(facts));
  const links = [repositoryLink(pkg.repository), pkg.homepage && /^https?:\/\//i.test(pkg.homepage) ? safeLink('Homepage', pkg.homepage) : undefined].filter((l): l is string => l !== undefined);
  if (links.length > 0) lines.push('', links.join(' · '));
  return lines;
}

function resolvedLines(facts: FoundFacts, now: number): string[] {
  const resolved = facts.resolved;
  if (!resolved) return [`Resolves to: unknown — ${escapeMarkdown(facts.unresolved ?? 'no version matches', 200)}.`];
  const info = resolved.info;
  const how = resolved.via === 'lockfile' ? 'locked' : 'resolves today';
  const parts = [`${how === 'locked' ? 'Locked' : 'Resolves to'} ${inlineCode(resolved.version, 60)}`];
  if (!info) return [`${parts[0]} — not listed by the registry (removed, or never published).`];
  if (info.published !== undefined) parts.push(`published ${formatDate(info.published)} (${formatAge(now, info.published)})`);
  else parts.push('publish date unknown');
  if (info.publisher) parts.push(`by ${inlineCode(info.publisher.trustedPublisher ? `${info.publisher.name} (trusted publishing: ${info.publisher.trustedPublisher})` : info.publisher.name, 100)}`);
  else if (facts.package.ecosystem === 'npm') parts.push('publisher unknown');
  if (info.provenance === true) parts.push('with provenance');
  const lines = [parts.join(', ') + '.'];
  if (info.installScripts?.length) lines.push('', `Runs at install: ${info.installScripts.map((s) => inlineCode(s.name, 40)).join(', ')}.`);
  if (info.deprecated) lines.push('', `Deprecated${info.deprecated.message ? `: ${escapeMarkdown(info.deprecated.message, 300)}` : '.'}${info.deprecated.alternative ? ` Alternative: ${inlineCode(info.deprecated.alternative, 100)}.` : ''}`);
  if (info.yanked) lines.push('', `Yanked${info.yanked.reason ? `: ${escapeMarkdown(info.yanked.reason, 300)}` : '.'}`);
  if (info.unlisted) lines.push('', 'Unlisted by its authors.');
  const files = facts.installFiles;
  if (files?.state === 'known' && files.value.files.length > 0) lines.push('', `Install-time files: ${files.value.files.slice(0, 5).map((f) => inlineCode(f, 120)).join(', ')}.`);
  return lines;
}

function advisoryLines(facts: FoundFacts): string[] {
  const advisories = facts.advisories;
  if (!facts.resolved || !advisories) return [];
  if (advisories.state === 'unchecked') return ['', `Advisories: not checked — ${escapeMarkdown(advisories.reason, 200)}.`];
  if (advisories.value.length === 0) return ['', `No known advisories for ${inlineCode(facts.resolved.version, 60)}${cached(advisories.cachedAt)}.`];
  return ['', `Advisories${cached(advisories.cachedAt)}:`, ...advisories.value.slice(0, 10).map(advisoryLine)];
}

function advisoryLine(a: Advisory): string {
  const label = a.url && /^https:\/\//i.test(a.url) ? safeLink(a.id, a.url) : escapeMarkdown(a.id, 80);
  const kind = a.malicious ? 'malware' : (a.severity ?? 'severity unknown');
  const fixed = a.fixed.length > 0 ? ` — fixed in ${a.fixed.slice(0, 3).map((f) => inlineCode(f, 40)).join(', ')}` : '';
  return `- ${label} (${kind})${a.summary ? `: ${escapeMarkdown(a.summary, 200)}` : ''}${fixed}`;
}

/** `git+https://github.com/a/b.git`, `git@github.com:a/b.git`, `github:a/b` → an https link; anything else is not linked. */
export function repositoryUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = raw.trim();
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(text);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, '')}`;
  const ssh = /^git@([\w.-]+):([\w./-]+?)(?:\.git)?$/.exec(text);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const url = text.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '');
  return /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

function repositoryLink(raw: string | undefined): string | undefined {
  const url = repositoryUrl(raw);
  return url ? safeLink('Source repository', url) : undefined;
}

/** The Markdown shown when hovering a dependency: what it is, what its spec means, what is wrong. */
import type { Analysis } from '../analysis/analyze';
import type { Dependency, Finding } from '../model/model';
import { inlineCode, escapeMarkdown, messageMarkdown, safeLink } from '../model/markdown';
import { registryPageUrl } from '../model/names';
import { spanContains } from '../model/positions';
import { specsFor } from '../specs';
import { treeHoverLines } from './treeHover';
import { extraIndexHoverLines, registryHoverLines } from './registryHover';
import { releaseChangesHoverLines } from './releaseChangesHover';
import type { RegistryView } from '../registries/types';
import type { SpecServices } from '../specs/types';

const ECOSYSTEM_LABEL = { npm: 'npm', pypi: 'PyPI', nuget: 'NuGet' } as const;

export function dependencyAt(analysis: Analysis, offset: number): Dependency | undefined {
  return analysis.manifest.dependencies.find((d) => spanContains(d.nameSpan, offset) || (d.specSpan !== undefined && spanContains(d.specSpan, offset)));
}

/** The dependency's own findings; what its locked subtree brings in is summed up by treeHoverLines. */
function findingsOn(analysis: Analysis, dep: Dependency): Finding[] {
  return analysis.findings.filter((f) => f.dependency === dep && !f.via);
}

export function hoverMarkdown(analysis: Analysis, dep: Dependency, lockedVersion?: string, registry?: RegistryView, specs?: SpecServices): string {
  const lines: string[] = [];
  const page = registryPageUrl(dep.ecosystem, dep.aliasOf ?? dep.name);
  lines.push(`**${escapeMarkdown(dep.name)}** · ${ECOSYSTEM_LABEL[dep.ecosystem]} · ${escapeMarkdown(dep.section)}`);
  if (dep.aliasOf) lines.push('', `Alias of ${inlineCode(dep.aliasOf)} on the registry.`);
  const info = specsFor(dep.ecosystem, specs).describe(dep);
  if (dep.indirect && !dep.indirect.from) {
    const what = dep.ecosystem === 'nuget' ? 'unresolved property' : 'unresolved catalog entry';
    lines.push('', `Spec ${inlineCode(dep.indirect.written)}: ${what} (not defined in this file or the ones Manifest Guard reads around it), so the version is not judged here.`);
  } else if (dep.indirect && dep.spec !== undefined) {
    lines.push('', `Spec ${inlineCode(dep.indirect.written)} stands for ${inlineCode(dep.spec)} (from ${escapeMarkdown(dep.indirect.from ?? '')}): ${escapeMarkdown(info.meaning)}${info.exact ? ' (pinned)' : ''}.`);
  } else if (dep.spec !== undefined && dep.spec.trim() !== '') {
    lines.push('', `Spec ${inlineCode(dep.spec)}: ${escapeMarkdown(info.meaning)}${info.exact ? ' (pinned)' : ''}.`);
  } else if (dep.source === 'registry') {
    lines.push('', `No version given: ${escapeMarkdown(info.meaning)}.`);
  }
  if (lockedVersion) lines.push('', `Locked at ${inlineCode(lockedVersion)} by the lockfile.`);
  const findings = findingsOn(analysis, dep);
  if (findings.length > 0) {
    lines.push('');
    for (const f of findings) lines.push(`- **${f.rule}** (${f.severity}): ${messageMarkdown(f.message)}`);
    const details = findings.filter((f) => f.detail).map((f) => f.detail as string);
    for (const d of details) lines.push('', '```', d.replace(/```/g, 'ˋˋˋ').slice(0, 2000), '```');
  }
  if (registry) {
    const facts = registry.factsFor(dep);
    lines.push(...registryHoverLines(facts, registry.now), ...releaseChangesHoverLines(registry, facts), ...extraIndexHoverLines(registry.onExtraIndexes?.(dep) ?? []));
  }
  lines.push(...treeHoverLines(analysis, dep));
  if (dep.source === 'registry' || dep.source === 'alias') lines.push('', safeLink(`${dep.aliasOf ?? dep.name} on ${ECOSYSTEM_LABEL[dep.ecosystem]}`, page));
  return lines.join('\n');
}

/** Hover for the manifest's own script: the full command, since it runs on install. */
export function scriptHoverMarkdown(analysis: Analysis, offset: number): string | undefined {
  const script = analysis.manifest.scripts.find((s) => spanContains(s.nameSpan, offset));
  if (!script) return undefined;
  const finding = analysis.findings.find((f) => f.rule === 'install-script' && f.span.start === script.nameSpan.start);
  if (!finding) return undefined;
  return [`**${escapeMarkdown(script.name)}** script · runs on \`npm install\``, '', '```sh', script.command.replace(/```/g, 'ˋˋˋ').slice(0, 2000), '```', '', messageMarkdown(finding.message)].join('\n');
}

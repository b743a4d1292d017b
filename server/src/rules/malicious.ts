/**
 * `malicious`: the version that resolves is known malware — an OSV malicious-package advisory
 * (`MAL-` ids, malicious-packages origins, CWE-506) — or npm has replaced the package with its
 * `0.0.1-security` placeholder, which it does after taking malware down, or a PyPI index marks the
 * project quarantined (PEP 792), which PyPI does to projects reported as malware. Always an error by default.
 */
import { cachedNote, describeResolved, foundDependencies, quoteRegistryText } from './registryFacts';
import type { RawFinding, Rule, RuleContext } from './types';

const SECURITY_PLACEHOLDER = /^0\.0\.1-security(\.|$)/;

function check(ctx: RuleContext): RawFinding[] {
  return foundDependencies(ctx).flatMap(({ dep, facts }) => {
    const at = { span: dep.nameSpan, package: dep.name, dependency: dep };
    const resolved = facts.resolved;
    const placeholder = [resolved?.version, facts.package.latest].find((v) => v !== undefined && SECURITY_PLACEHOLDER.test(v));
    if (dep.ecosystem === 'npm' && placeholder) {
      return [{ ...at, message: `npm has replaced ${dep.aliasOf ?? dep.name} with a security placeholder (${placeholder}): the package was malware and was taken down. Remove it, and treat machines that installed it as compromised.${cachedNote(facts.cachedAt)}` }];
    }
    const status = facts.package.status;
    if (status?.status === 'quarantined') {
      const reason = status.reason ? ` ("${quoteRegistryText(status.reason, 160)}")` : '';
      return [{ ...at, message: `${dep.name} is quarantined on ${quoteRegistryText(facts.package.source, 100)}${reason}: the index's administrators have withdrawn it while they review a report, usually of malware. Remove it until it is cleared, and check machines that installed it.${cachedNote(facts.cachedAt)}` }];
    }
    if (!resolved || facts.advisories?.state !== 'known') return [];
    const malware = facts.advisories.value.filter((a) => a.malicious);
    if (malware.length === 0) return [];
    const ids = malware.map((a) => quoteRegistryText(a.id, 60)).join(', ');
    const summary = malware.find((a) => a.summary)?.summary;
    return [
      {
        ...at,
        message: `${describeResolved(dep, resolved, ctx.locked?.source)} is known malware (${ids})${summary ? `: ${quoteRegistryText(summary, 160)}` : ''}. Remove it, and treat machines that installed it as compromised.${cachedNote(facts.advisories.cachedAt ?? facts.cachedAt)}`,
      },
    ];
  });
}

export const malicious: Rule = { id: 'malicious', check };

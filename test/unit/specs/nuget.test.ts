import { strict as assert } from 'node:assert';
import type { Dependency } from '../../../server/src/model/model';
import { parseMsbuild } from '../../../server/src/manifests/msbuild';
import { compareNugetVersions, normalizeNugetVersion, nugetSpecs, parseNugetVersion } from '../../../server/src/specs/nuget';

/** A dependency as the MSBuild parser produces it, so spans are real. */
function dep(spec: string | undefined, section = 'PackageReference'): { dep: Dependency; text: string } {
  const version = spec === undefined ? '' : ` Version="${spec}"`;
  const text = `<Project><ItemGroup><${section} Include="Pkg"${version} /></ItemGroup></Project>`;
  return { dep: parseMsbuild(text).dependencies[0], text };
}

const describeSpec = (spec: string | undefined, section?: string) => nugetSpecs.describe(dep(spec, section).dep);
const satisfies = (spec: string | undefined, version: string): boolean => nugetSpecs.satisfies(dep(spec).dep, version);

describe('nuget specs', () => {
  describe('versions', () => {
    it('normalizes: leading zeros, a zero 4th part, build metadata', () => {
      const norm = (v: string): string | undefined => {
        const parsed = parseNugetVersion(v);
        return parsed && normalizeNugetVersion(parsed);
      };
      assert.equal(norm('1.01.1'), '1.1.1');
      assert.equal(norm('1.0.0.0'), '1.0.0');
      assert.equal(norm('1.0.0.4'), '1.0.0.4');
      assert.equal(norm('1.0'), '1.0.0');
      assert.equal(norm('1'), '1.0.0');
      assert.equal(norm('1.0.0+build.5'), '1.0.0');
      assert.equal(norm('1.0.0-Beta.1+sha.abc'), '1.0.0-Beta.1');
      assert.equal(norm(' 2.0.0 '), '2.0.0');
      for (const bad of ['', 'a', '1.', '1.0.0.0.0', '1..0', '1.0-', '1.0+', 'v1.0', '1.0.0-beta..1', '*', '1.*', '-1.0']) assert.equal(parseNugetVersion(bad), undefined, bad);
    });

    it('orders by SemVer 2 precedence, labels case-insensitively', () => {
      const order = ['0.9.0', '1.0.0-alpha', '1.0.0-ALPHA.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0.1', '1.0.1', '1.10.0', '2.0.0', '10.0.0', '100000000000000000000.0.0'];
      assert.deepEqual(nugetSpecs.sortVersions([...order].reverse()), order);
      const cmp = (a: string, b: string): number => compareNugetVersions(parseNugetVersion(a)!, parseNugetVersion(b)!);
      assert.equal(cmp('1.0.0-RC.1', '1.0.0-rc.1'), 0);
      assert.equal(cmp('1.0', '1.0.0.0'), 0);
      assert.equal(cmp('1.0.0+a', '1.0.0+b'), 0);
      assert.ok(cmp('1.0.0-1', '1.0.0-a') < 0); // numeric identifiers sort first
    });

    it('sorts keeping the strings as given and drops invalid ones', () => {
      assert.deepEqual(nugetSpecs.sortVersions(['2.0', 'junk', '1.0.0.0', '1.5.0-beta', '']), ['1.0.0.0', '1.5.0-beta', '2.0']);
    });

    it('tells pre-releases', () => {
      assert.equal(nugetSpecs.isPrerelease('1.0.0-beta'), true);
      assert.equal(nugetSpecs.isPrerelease('1.0.0-0'), true);
      assert.equal(nugetSpecs.isPrerelease('1.0.0'), false);
      assert.equal(nugetSpecs.isPrerelease('1.0.0+build'), false);
      assert.equal(nugetSpecs.isPrerelease('nonsense'), false);
    });
  });

  describe('describe', () => {
    it('treats [1.2.3] and a bare 1.2.3 as exact, the bare one with its >= meaning', () => {
      assert.deepEqual(describeSpec('[1.2.3]'), { valid: true, exact: true, exactVersion: '1.2.3', meaning: 'exactly 1.2.3' });
      assert.deepEqual(describeSpec('1.2.3'), { valid: true, exact: true, exactVersion: '1.2.3', meaning: '>= 1.2.3, resolves to 1.2.3 when it exists' });
      assert.equal(describeSpec('1.0').exactVersion, '1.0.0');
      assert.equal(describeSpec('[1.0.0.0]').exactVersion, '1.0.0');
      assert.equal(describeSpec('[ 2.0.0-rc.1 ]').exactVersion, '2.0.0-rc.1');
      assert.equal(describeSpec('[1.0,1.0]').exact, true);
    });

    it('treats floats and ranges as not exact, and says what they admit', () => {
      const cases: Array<[string, string]> = [
        ['*', 'any stable version (floating: restore takes the highest)'],
        ['*-*', 'any version, pre-releases included (floating: restore takes the highest)'],
        ['13.*', 'any stable 13.x version (floating: restore takes the highest)'],
        ['1.1.*', 'any stable 1.1.x version (floating: restore takes the highest)'],
        ['1.1.*-*', 'any 1.1.x version, pre-releases included (floating: restore takes the highest)'],
        ['1.2.0-rc.*', 'any 1.2.0-rc.* pre-release or 1.2.0 itself (floating: restore takes the highest)'],
        ['[1.0,)', '>= 1.0.0'],
        ['(1.0,)', '> 1.0.0'],
        ['(,1.0]', '<= 1.0.0'],
        ['(,1.0)', '< 1.0.0'],
        ['[1.0,2.0]', '>= 1.0.0 <= 2.0.0'],
        ['(1.0,2.0)', '> 1.0.0 < 2.0.0'],
        ['[1.0, 2.0)', '>= 1.0.0 < 2.0.0'],
        ['[1.*, 2.0)', '>= 1.0.0 < 2.0.0, floating: restore takes the highest'],
      ];
      for (const [spec, meaning] of cases) assert.deepEqual(describeSpec(spec), { valid: true, exact: false, meaning }, spec);
    });

    it('marks invalid ranges invalid', () => {
      for (const spec of ['(1.0)', '[1.0)', '(1.0]', '[2.0,1.0]', '(1.0,1.0)', '[1.0,1.0)', '(,)', '[,]', '[1.0', '1.0]', 'latest', '1.0.0.0.0', '[1.0,2.0,3.0]', '>=1.0', '^1.0', '1.*.1']) {
        const info = describeSpec(spec);
        assert.equal(info.valid, false, spec);
        assert.equal(info.exact, false, spec);
        assert.match(info.meaning, /not a valid NuGet version range/, spec);
      }
    });

    it('explains MSBuild properties instead of judging them', () => {
      assert.deepEqual(describeSpec('$(NewtonsoftVersion)'), { valid: false, exact: false, meaning: 'set by MSBuild property NewtonsoftVersion' });
      assert.deepEqual(describeSpec('[$(Major).0]'), { valid: false, exact: false, meaning: 'uses MSBuild property Major' });
      assert.deepEqual(describeSpec("$([MSBuild]::ValueOrDefault('$(V)', '1.0'))"), { valid: false, exact: false, meaning: 'computed by an MSBuild property function' });
    });

    it('explains a missing version as central package management', () => {
      assert.deepEqual(describeSpec(undefined), { valid: true, exact: false, meaning: 'version set centrally (Directory.Packages.props)' });
      assert.deepEqual(describeSpec(''), { valid: true, exact: false, meaning: 'version set centrally (Directory.Packages.props)' });
      assert.equal(describeSpec(undefined, 'PackageVersion').meaning, 'no version given');
    });
  });

  describe('satisfies', () => {
    it('follows NuGet: a bare version is a minimum', () => {
      assert.equal(satisfies('1.2.3', '1.2.3'), true);
      assert.equal(satisfies('1.2.3', '2.0.0'), true);
      assert.equal(satisfies('1.2.3', '1.2.2'), false);
      assert.equal(satisfies('1.2', '1.2.0.0'), true);
    });

    it('checks interval bounds', () => {
      assert.equal(satisfies('[1.2.3]', '1.2.3'), true);
      assert.equal(satisfies('[1.2.3]', '1.2.3+meta'), true);
      assert.equal(satisfies('[1.2.3]', '1.2.4'), false);
      assert.equal(satisfies('[1.0,2.0)', '1.9.9'), true);
      assert.equal(satisfies('[1.0,2.0)', '2.0.0'), false);
      assert.equal(satisfies('[1.0,2.0]', '2.0.0'), true);
      assert.equal(satisfies('(1.0,2.0)', '1.0.0'), false);
      assert.equal(satisfies('(1.0,)', '1.0.1'), true);
      assert.equal(satisfies('(,1.0]', '0.1.0'), true);
      assert.equal(satisfies('(,1.0)', '1.0.0'), false);
    });

    it('admits pre-releases only when the spec asks for them', () => {
      assert.equal(satisfies('[1.0,2.0)', '1.5.0-beta'), false);
      assert.equal(satisfies('1.0.0', '1.5.0-beta'), false);
      assert.equal(satisfies('1.0.0-beta', '1.0.0-beta.2'), true);
      assert.equal(satisfies('1.0.0-beta', '1.0.0'), true);
      assert.equal(satisfies('[1.0.0-alpha, 2.0.0)', '1.5.0-rc.1'), true);
      assert.equal(satisfies('[1.0.0-alpha]', '1.0.0-alpha'), true);
    });

    it('matches floating versions by their fixed parts', () => {
      assert.equal(satisfies('*', '99.0.0'), true);
      assert.equal(satisfies('*', '1.0.0-beta'), false);
      assert.equal(satisfies('*-*', '1.0.0-beta'), true);
      assert.equal(satisfies('13.*', '13.0.3'), true);
      assert.equal(satisfies('13.*', '14.0.0'), false);
      assert.equal(satisfies('13.*', '13.1.0-beta'), false);
      assert.equal(satisfies('1.1.*', '1.1.7'), true);
      assert.equal(satisfies('1.1.*', '1.2.0'), false);
      assert.equal(satisfies('1.1.*-*', '1.1.8-preview.1'), true);
      assert.equal(satisfies('1.1.*-*', '1.2.0-preview.1'), false);
      assert.equal(satisfies('1.2.0-rc.*', '1.2.0-rc.4'), true);
      assert.equal(satisfies('1.2.0-rc.*', '1.2.0-RC.4'), true);
      assert.equal(satisfies('1.2.0-rc.*', '1.2.0'), true);
      assert.equal(satisfies('1.2.0-rc.*', '1.2.0-beta.1'), false);
      assert.equal(satisfies('1.2.0-rc.*', '1.2.1'), false);
      assert.equal(satisfies('[1.*, 2.0)', '1.9.0'), true);
      assert.equal(satisfies('[1.*, 2.0)', '2.0.0'), false);
      assert.equal(satisfies('[1.*, 2.0)', '0.9.0'), false);
    });

    it('is false for properties, invalid specs and invalid versions; true with no spec', () => {
      assert.equal(satisfies('$(V)', '1.0.0'), false);
      assert.equal(satisfies('latest', '1.0.0'), false);
      assert.equal(satisfies('[1.0]', 'not-a-version'), false);
      assert.equal(satisfies(undefined, '1.0.0'), true);
    });
  });

  describe('pinEdit', () => {
    const apply = (text: string, edit: { span: { start: number; end: number }; newText: string }): string => text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);

    it('replaces the spec with the bare normalized version', () => {
      const { dep: d, text } = dep('[1.0,2.0)');
      const edit = nugetSpecs.pinEdit(d, '1.5.0')!;
      assert.equal(apply(text, edit), '<Project><ItemGroup><PackageReference Include="Pkg" Version="1.5.0" /></ItemGroup></Project>');
      assert.equal(nugetSpecs.pinEdit(d, '01.5.0.0+meta')!.newText, '1.5.0');
    });

    it('pins a <Version> child element and a VersionOverride in place', () => {
      const text = '<Project><ItemGroup><PackageReference Include="A">\r\n  <Version> 13.* </Version>\r\n</PackageReference><PackageReference Include="B" Version="1.0" VersionOverride="2.*" /></ItemGroup></Project>';
      const [a, b] = parseMsbuild(text).dependencies;
      assert.equal(apply(text, nugetSpecs.pinEdit(a, '13.0.3')!), text.replace(' 13.* ', ' 13.0.3 '));
      assert.equal(apply(text, nugetSpecs.pinEdit(b, '2.1.0')!), text.replace('VersionOverride="2.*"', 'VersionOverride="2.1.0"'));
    });

    it('fills an empty Version="" and gives nothing without a span or for an invalid version', () => {
      const empty = dep('');
      assert.equal(apply(empty.text, nugetSpecs.pinEdit(empty.dep, '3.0.0')!), empty.text.replace('Version=""', 'Version="3.0.0"'));
      assert.equal(nugetSpecs.pinEdit(dep(undefined).dep, '1.0.0'), undefined);
      assert.equal(nugetSpecs.pinEdit(dep('1.*').dep, 'garbage'), undefined);
    });
  });
});

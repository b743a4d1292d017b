/**
 * The established-package sets (data/established-*.bin) and what they change: a name in no list
 * is unknown-or-zero unless the set knows it, taken-down squats are not established, and the
 * kinds of squat the issue lists are caught against the bundled data.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EstablishedSet, nameHash } from '../../../server/src/typosquat/established';
import { EXTRA_FILES } from '../../../server/src/typosquat/load';
import { sharedShippedNames } from '../../helpers/shippedNames';
import { bundled, DATA_DIR } from './bundled';

function set(ecosystem: 'npm' | 'pypi' | 'nuget'): EstablishedSet {
  return new EstablishedSet(readFileSync(join(DATA_DIR, EXTRA_FILES.established[ecosystem])));
}

/** A set file with the given names (all at one level), written as the data script writes it. */
function tinySet(names: string[], level: number): Uint8Array {
  const bits = 8;
  const hashes = names.map(nameHash).sort((a, b) => a - b);
  const buf = Buffer.alloc(12 + 4 * 257 + 3 * hashes.length);
  buf.write('MGE1', 0, 'latin1');
  buf.writeUInt32LE(hashes.length, 4);
  buf.writeUInt32LE(bits, 8);
  const offsets = new Uint32Array(257);
  for (const h of hashes) offsets[(h >>> 24) + 1]++;
  for (let b = 0; b < 256; b++) offsets[b + 1] += offsets[b];
  Buffer.from(offsets.buffer).copy(buf, 12);
  const at = 12 + 4 * 257;
  hashes.forEach((h, i) => {
    buf.writeUInt16LE((h >>> 8) & 0xffff, at + 2 * i);
    buf[at + 2 * hashes.length + i] = level;
  });
  return buf;
}

describe('typosquat: established packages', () => {
  it('reads a set: members with their bucketed weight, others absent; rejects a file that is not a set', () => {
    const s = new EstablishedSet(tinySet(['left-pad', 'is-odd', 'chalk'], 11 | 0x40));
    assert.deepEqual(s.lookup('is-odd'), { weight: 1024, countOnly: true });
    assert.equal(s.lookup('is-even'), undefined);
    assert.equal(s.lookup('Is-Odd'), undefined, 'callers pass the normal form');
    assert.throws(() => new EstablishedSet(Buffer.from('not a set at all')), /bad magic/);
    assert.throws(() => new EstablishedSet(tinySet(['a'], 1).subarray(0, 100)), /do not add up/);
  });

  it('knows real packages of every size and leaves out taken-down squats and parked names', () => {
    const npm = set('npm');
    assert.ok(npm.size > 200_000, `npm set has ${npm.size} names`);
    assert.ok((npm.lookup('react')?.weight ?? 0) > 100e6);
    assert.ok(npm.lookup('left-pad'));
    // npm security placeholders (0.0.1-security) keep being downloaded by mirrors: never established.
    for (const placeholder of ['crossenv', 'cross-env.js', 'babelcli']) assert.equal(npm.lookup(placeholder), undefined, placeholder);
    const pypi = set('pypi');
    assert.ok(pypi.size > 500_000);
    assert.ok(pypi.lookup('requests'));
    for (const squat of ['urlib3', 'reqeusts']) assert.equal(pypi.lookup(squat), undefined, squat);
  });

  it('reads a name in no set as nothing: one slip from a mid-ranked or short popular name is an error', () => {
    const names = bundled();
    const cases: Array<['npm' | 'pypi', string, string]> = [
      ['pypi', 'fastap', 'fastapi'],
      ['pypi', 'pydantc', 'pydantic'],
      ['npm', 'reat', 'react'], // a short name, one letter missing
      ['npm', 'raect', 'react'],
      ['npm', 'lodahs', 'lodash'],
    ];
    for (const [ecosystem, name, target] of cases) {
      const check = names.check(ecosystem, name);
      assert.equal(check.lookalike?.target.name, target, name);
      assert.equal(check.lookalike?.severity, 'error', name);
      assert.deepEqual(check.standing, { established: false });
    }
  });

  it('reads a name in no set as nothing whatever the rank of the package it resembles: the lists\' least popular names too', () => {
    const names = bundled();
    const cases: Array<['npm' | 'pypi', string, string]> = [
      ['pypi', 'pastesctipt', 'pastescript'], // ranked ~12,800 of 15,000
      ['pypi', 'pdftonpg', 'pdftopng'], // ranked ~14,200
      ['npm', 'raml-typesstem', 'raml-typesystem'], // ~70k downloads a month, far down npm's list
    ];
    for (const [ecosystem, name, target] of cases) {
      const check = names.check(ecosystem, name);
      assert.deepEqual([check.lookalike?.target.name, check.lookalike?.severity], [target, 'error'], name);
    }
  });

  it('reads a version number added to an established package as a port of its own, not a squat (a name of no standing still warns)', () => {
    const names = bundled();
    const port = names.check('pypi', 'dnspython3'); // home-assistant depends on it
    assert.equal(port.standing?.established, true);
    assert.equal(port.lookalike, undefined);
    const nothing = names.check('pypi', 'requests3');
    assert.deepEqual([nothing.standing, nothing.lookalike?.target.name, nothing.lookalike?.severity], [{ established: false }, 'requests', 'warning']);
  });

  it('leaves a segment added under a reserved NuGet prefix to its owner, but still reports a slip there', () => {
    const names = bundled();
    // Only Microsoft publishes Azure.* on nuget.org, and this is how it names packages (dotnet/aspire uses it).
    assert.equal(names.check('nuget', 'Azure.Provisioning.Redis').lookalike, undefined);
    // A slip still counts: other feeds do not honour the reservation.
    assert.equal(names.check('nuget', 'Microsoft.Extensions.Loging').lookalike?.target.name, 'Microsoft.Extensions.Logging');
    // An added segment outside the owner's prefix is still read as an affix.
    assert.equal(names.check('nuget', 'Newtonsoft.Json.Redis').lookalike?.target.name, 'Newtonsoft.Json');
  });

  it('warns, saying why, when an established but much smaller package is one slip from a huge one', () => {
    const check = bundled().check('npm', 'mongose');
    assert.equal(check.lookalike?.target.name, 'mongoose');
    assert.equal(check.lookalike?.severity, 'warning');
    assert.equal(check.standing?.established, true);
  });

  it('leaves listed look-alike pairs alone', () => {
    const names = bundled();
    for (const [ecosystem, name] of [['npm', 'preact'], ['npm', 'colors'], ['pypi', 'argparse'], ['pypi', 'python-dateutil']] as const) {
      assert.equal(names.check(ecosystem, name).lookalike, undefined, name);
    }
  });

  it('flags unscoped copies of popular scoped packages', () => {
    const names = bundled();
    assert.equal(names.check('npm', 'babelcli').lookalike?.target.name, '@babel/cli');
    assert.equal(names.check('npm', 'angularcli').lookalike?.target.name, '@angular/cli');
    // The bare name, when no established package has it.
    const bare = names.check('npm', 'helper-validator-identifier').lookalike;
    assert.equal(bare?.target.name, '@babel/helper-validator-identifier');
    assert.equal(bare?.resemblance.description, 'its name without the scope `@babel`');
    // `cli` is an established package of its own: not a copy of @angular/cli.
    assert.equal(names.check('npm', 'cli').lookalike, undefined);
  });

  it('reads node-/.js/py/python- around a project that packages of both npm and PyPI wrap, offering the most used package', () => {
    const names = bundled();
    assert.deepEqual(names.check('npm', 'node-opencv').wraps, { project: 'opencv', meant: 'opencv.js' });
    assert.deepEqual(names.check('pypi', 'python-openssl').wraps, { project: 'openssl', meant: 'pyopenssl' });
    // An established wrapper is left alone.
    assert.equal(names.check('pypi', 'pyopencv').wraps, undefined);
  });

  it('keeps reporting every new kind when the server and CLI re-check a name (verdicts remembered)', () => {
    const names = sharedShippedNames();
    assert.ok(names);
    for (let round = 0; round < 2; round++) {
      assert.equal(names.check('pypi', 'hashlib').stdlibModule, 'hashlib', `round ${round}`);
      assert.equal(names.check('npm', 'node-opencv').wraps?.meant, 'opencv.js', `round ${round}`);
      assert.equal(names.check('nuget', 'Contoso.Wіdgets').asciiFold, 'Contoso.Widgets', `round ${round}`);
    }
  });

  it('finds two slips in a long name of no standing, and only there', () => {
    const names = bundled();
    const cases: Array<['npm' | 'pypi', string, string]> = [
      ['npm', 'minimatchhh', 'minimatch'], // three repeated letters at the end
      ['npm', 'minimtchs', 'minimatch'], // a plural `s` plus a missing letter
      ['pypi', 'reqeustss', 'requests'], // a swap plus a doubled letter
    ];
    for (const [ecosystem, name, target] of cases) {
      const found = names.check(ecosystem, name).lookalike;
      assert.equal(found?.target.name, target, name);
      assert.match(found?.resemblance.description ?? '', /^two slips: /, name);
    }
    // Short names are two edits from too many others.
    assert.equal(names.check('npm', 'raectt').lookalike, undefined);
  });

  it('flags PyPI requirements that name a standard-library module or a system tool, unless a popular project has that name', () => {
    const names = bundled();
    assert.equal(names.check('pypi', 'hashlib').stdlibModule, 'hashlib');
    assert.equal(names.check('pypi', 'sqlite3').stdlibModule, 'sqlite3');
    assert.equal(names.check('pypi', 'argparse').stdlibModule, undefined);
    // System tools too: `curl` has no PyPI project, `sudo` only a small unrelated one, `docker` is popular.
    assert.deepEqual([names.check('pypi', 'curl').systemTool, names.check('pypi', 'curl').standing], ['curl', { established: false }]);
    assert.equal(names.check('pypi', 'sudo').standing?.established, true);
    assert.equal(names.check('pypi', 'sudo').systemTool, 'sudo');
    assert.equal(names.check('pypi', 'docker').systemTool, undefined);
  });

  it('warns on a name of no standing that is a popular name plus any one word, but not a short core, a scope\'s own name or a NuGet segment', () => {
    const names = bundled();
    const cases: Array<['npm' | 'pypi', string, string, string]> = [
      ['npm', 'commander-verified', 'commander', 'an added `-verified`'],
      ['npm', 'official-iconv-lite', 'iconv-lite', 'an added `official-`'],
      ['pypi', 'verified-tenacity', 'tenacity', 'an added `verified-`'],
    ];
    for (const [ecosystem, name, target, description] of cases) {
      const l = names.check(ecosystem, name).lookalike;
      assert.deepEqual([l?.target.name, l?.resemblance.kind, l?.resemblance.description, l?.severity], [target, 'affix', description, 'warning'], name);
    }
    // `path` is a word of countless names (nuxt depends on clickable-path); a scope's owner names its packages freely.
    for (const name of ['clickable-path', '@corp/commander-verified']) assert.equal(names.check('npm', name).lookalike, undefined, name);
    // NuGet IDs grow by segments, and its set does not hold every real ID (dotnet/aspire uses Testcontainers.Nats).
    assert.equal(names.check('nuget', 'Testcontainers.Nats').lookalike, undefined);
  });

  it('warns on a NuGet ID of no standing that runs a word onto a popular ID in PascalCase', () => {
    const names = bundled();
    for (const [name, target, word] of [
      ['Serilog.Sinks.FileExtended', 'Serilog.Sinks.File', 'Extended'],
      ['AutoFixtureOfficial', 'AutoFixture', 'Official'],
    ]) {
      const l = names.check('nuget', name).lookalike;
      assert.deepEqual([l?.target.name, l?.resemblance.description, l?.severity], [target, `an added \`${word}\``, 'warning'], name);
    }
  });

  it('adds the learned affixes: a plural, a flavour word, an added NuGet segment', () => {
    const names = bundled();
    assert.equal(names.check('npm', 'axios-js').lookalike?.target.name, 'axios');
    assert.equal(names.check('nuget', 'Newtonsoft.Json.Core').lookalike?.target.name, 'Newtonsoft.Json');
    assert.equal(names.check('nuget', 'Newtonsoft.Json.Core').lookalike?.severity, 'warning');
  });
});

/**
 * The parses of the files around a manifest (pnpm-workspace.yaml, Directory.*.props) are kept by
 * the memo the caller passes (the server's DocumentAnalyses, one CLI scan), not by the module:
 * without one each read parses afresh, and two callers' memos share nothing.
 */
import { strict as assert } from 'node:assert';
import { ProjectFileMemo, readProjectContext } from '../../../server/src/manifests/projectContext';

const FILES = new Map([
  ['/w/pnpm-workspace.yaml', 'catalog:\n  chai: ^6.2.2\n'],
  ['/w/Directory.Packages.props', '<Project><PropertyGroup><JsonVersion>13.0.3</JsonVersion></PropertyGroup></Project>'],
]);
const read = (path: string): string | undefined => FILES.get(path.replace(/\\/g, '/'));
const catalogOf = (parsed?: ProjectFileMemo) => readProjectContext('/w/app/package.json', 'package.json', read, { root: '/w', parsed }).catalogs;
const propsOf = (parsed?: ProjectFileMemo) => readProjectContext('/w/app/app.csproj', 'msbuild', read, { root: '/w', parsed }).msbuildProperties;

describe('project file memo: parses of the files around, owned by the caller', () => {
  it('parses each file once per memo, and afresh without one', () => {
    const a = new ProjectFileMemo();
    const first = catalogOf(a);
    assert.equal(first?.values.get('default')?.get('chai'), '^6.2.2');
    assert.equal(catalogOf(a), first, 'the same memo hands back its parse');
    assert.notEqual(catalogOf(new ProjectFileMemo()), first, "another memo does not see the first one's parse");
    assert.notEqual(catalogOf(), catalogOf(), 'no module-level memory');
    assert.deepEqual(catalogOf(), first);
  });

  it('reads Directory.*.props through the memo too, with the same values either way', () => {
    const memo = new ProjectFileMemo();
    assert.equal(propsOf(memo)?.get('jsonversion')?.value, '13.0.3');
    assert.deepEqual(propsOf(memo), propsOf());
  });

  it('keeps at most its limit of parses, dropping the oldest', () => {
    const memo = new ProjectFileMemo(2);
    let computed = 0;
    for (const key of ['a', 'b', 'c', 'a']) memo.get(key, () => ++computed);
    assert.equal(computed, 4, '`a` was dropped when `c` came, and parsed again');
    assert.equal(memo.get('c', () => ++computed), 3);
  });

  it('keeps its parses within a byte budget as well: large files push the oldest out, one over the budget is not kept', () => {
    const memo = new ProjectFileMemo(16, 4 * 3000);
    let computed = 0;
    const big = (c: string) => c.repeat(1000); // 4,000 bytes as counted: three fit, a fourth does not
    for (const key of [big('a'), big('b'), big('c'), big('d')]) memo.get(key, () => ++computed);
    assert.equal(memo.get(big('d'), () => ++computed), 4);
    assert.equal(memo.get(big('a'), () => ++computed), 5, 'the oldest large parse was kept past the budget');
    memo.get('x'.repeat(3001), () => ++computed);
    memo.get('x'.repeat(3001), () => ++computed);
    assert.equal(computed, 7, 'a file over the whole budget was kept');
  });
});

/** Reading a .nupkg's file list from the last bytes of the archive, and refusing what is not one. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ZipDirectoryError, zipEntryNames } from '../../../../server/src/registries/nuget/zipDirectory';
import { buildZip } from '../../../helpers/zip';

describe('NuGet package ZIP directory', () => {
  const names = ['_rels/.rels', 'Acme.Tool.nuspec', 'tools/net8.0/any/DotnetToolSettings.xml', 'build/Acme.targets', 'content/read%20me.txt', 'lib/net8.0/Ünïcode.dll'];

  it('lists every file from the tail of the archive alone, part names decoded', () => {
    const zip = buildZip([{ name: 'big.bin', content: 'x'.repeat(200_000) }, ...names.map((name) => ({ name, content: name }))]);
    const expected = ['big.bin', ...names.map((n) => n.replace('%20', ' '))];
    assert.deepEqual(zipEntryNames(zip), expected);
    assert.deepEqual(zipEntryNames(zip.subarray(zip.length - 4096)), expected, 'the directory is all at the end');
  });

  it('finds the end record behind an archive comment, even one that mimics its signature', () => {
    const zip = buildZip([{ name: 'a.txt' }], 'PK\u0005\u0006 not the end record');
    assert.deepEqual(zipEntryNames(zip), ['a.txt']);
  });

  it('says why when the bytes are not the end of a ZIP archive, or cut into its directory', () => {
    const zip = buildZip(names.map((name) => ({ name })));
    const reason = (bytes: Buffer) => {
      try {
        zipEntryNames(bytes);
        return 'read';
      } catch (err) {
        assert.ok(err instanceof ZipDirectoryError);
        return err.message;
      }
    };
    assert.equal(reason(Buffer.from('{"not": "a zip"}')), 'not a ZIP archive (no end-of-central-directory record)');
    assert.equal(reason(zip.subarray(zip.length - 40)), 'its file list is larger than the part of the package read');
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 + 16);
    assert.equal(reason(zip64), 'a ZIP64 archive');
  });

  it('never throws anything but its own error, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (junk, cut) => {
        const zip = buildZip(names.map((name) => ({ name })));
        for (const bytes of [Buffer.from(junk), Buffer.concat([Buffer.from(junk), zip.subarray(cut % zip.length)]), Buffer.concat([zip.subarray(0, cut % zip.length), Buffer.from(junk)])]) {
          try {
            zipEntryNames(bytes);
          } catch (err) {
            assert.ok(err instanceof ZipDirectoryError, String(err));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The file names of a .nupkg from the end of the file alone. A .nupkg is a ZIP archive, and a ZIP
 * lists all its files in a central directory at the end, followed by the end-of-central-directory
 * record (EOCD). So one HTTP Range request for the last bytes of the package answers "does it
 * ship MSBuild files or install scripts?" on feeds that have no catalog (most private feeds),
 * without downloading the package. Nothing is decompressed, and no file in it is ever read.
 *
 * Structures (APPNOTE.TXT 4.3.12, 4.3.16), little-endian:
 * - EOCD: signature 0x06054b50, …, entries (u16 at 10), directory size (u32 at 12), directory
 *   offset (u32 at 16), comment length (u16 at 20), comment — so it starts within the last
 *   22 + 65,535 bytes;
 * - directory entry: signature 0x02014b50, flags (u16 at 8), name length (u16 at 28), extra
 *   length (u16 at 30), comment length (u16 at 32), name at 46.
 * ZIP64 archives (over 65,535 files or 4 GB) are not read: no real package is one.
 */

const EOCD = 0x06054b50;
const ENTRY = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Bytes asked for: the EOCD with the longest comment, and a directory of several thousand files. */
export const ZIP_TAIL_BYTES = 1024 * 1024;
const MAX_ENTRIES = 100_000;

export class ZipDirectoryError extends Error {}

/**
 * The names in the central directory, given the last bytes of the archive (or all of it).
 * Throws ZipDirectoryError when the bytes are not the end of a ZIP archive, or the directory
 * does not fit in them.
 */
export function zipEntryNames(tail: Buffer): string[] {
  const eocd = findEocd(tail);
  if (eocd === undefined) throw new ZipDirectoryError('not a ZIP archive (no end-of-central-directory record)');
  const entries = tail.readUInt16LE(eocd + 10);
  const size = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipDirectoryError('a ZIP64 archive');
  // The directory ends where the EOCD begins.
  const start = eocd - size;
  if (start < 0) throw new ZipDirectoryError('its file list is larger than the part of the package read');
  const names: string[] = [];
  for (let at = start; at < eocd && names.length < MAX_ENTRIES; ) {
    if (at + 46 > eocd || tail.readUInt32LE(at) !== ENTRY) throw new ZipDirectoryError('a damaged central directory');
    const flags = tail.readUInt16LE(at + 8);
    const nameLength = tail.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
    if (next > eocd) throw new ZipDirectoryError('a damaged central directory');
    // Bit 11: the name is UTF-8; otherwise it is CP437, whose ASCII half is all a package uses.
    names.push(decodePartName(tail.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/** The EOCD's offset: searched backwards, since only a comment may follow it. */
function findEocd(tail: Buffer): number | undefined {
  const last = tail.length - EOCD_SIZE;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (tail.readUInt32LE(at) === EOCD && at + EOCD_SIZE + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return undefined;
}

/** NuGet packages are OPC packages: part names are percent-encoded (`My%20File.dll`). */
function decodePartName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

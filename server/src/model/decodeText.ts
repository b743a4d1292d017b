/**
 * The bytes of a manifest, include, lockfile or config file as text, decoded the way pip's
 * `auto_decode`, MSBuild and NuGet do: a byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE
 * (Windows PowerShell 5 writes `pip freeze > requirements.txt` as UTF-16 LE); without one the
 * bytes are UTF-8, and invalid sequences become U+FFFD, never an error.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** The encoding a byte-order mark announces, and the mark's length; undefined without one. */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return undefined;
}

export function decodeText(bytes: Buffer): string {
  const bom = byteOrderMark(bytes);
  if (!bom) return bytes.toString('utf8');
  const body = bytes.subarray(bom.length);
  if (bom.encoding === 'utf8') return body.toString('utf8');
  if (bom.encoding === 'utf16le') return body.toString('utf16le');
  // Big-endian: swap each pair into a copy (an odd last byte is dropped, as a decoder would).
  const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
  return swapped.swap16().toString('utf16le');
}

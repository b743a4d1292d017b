/**
 * Non-ASCII characters that render like ASCII letters or digits, folded to what they imitate.
 *
 * A subset of Unicode's confusables (UTS #39, confusables.txt) limited to what can imitate a
 * package name: letters of Cyrillic, Greek, Armenian and Latin extensions that look like a
 * lowercase ASCII letter in the fonts editors use. Accented letters (é), fullwidth forms (ａ) and
 * compatibility forms (ﬁ) are folded by NFKD in fold.ts, not listed here.
 */
const TABLE: Record<string, string> = {
  // Cyrillic lowercase
  а: 'a', в: 'b', е: 'e', ё: 'e', г: 'r', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o',
  п: 'n', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ь: 'b', ү: 'y',
  // Cyrillic uppercase (names are compared lowercase, but NuGet and PyPI keep case as written)
  А: 'a', В: 'b', Е: 'e', Ё: 'e', І: 'i', Ї: 'i', Ј: 'j', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p',
  С: 'c', Т: 't', У: 'y', Х: 'x', Ѕ: 's', Ԁ: 'd', Ԛ: 'q', Ԝ: 'w', Ӏ: 'l',
  // Greek lowercase
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u',
  χ: 'x', ω: 'w', ϲ: 'c', ϳ: 'j', ς: 's',
  // Greek uppercase
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't',
  Υ: 'y', Χ: 'x', Ϲ: 'c',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', զ: 'q', ց: 'g', ւ: 'l',
  // Latin letters without a decomposition
  ı: 'i', ȷ: 'j', ł: 'l', ɑ: 'a', ɡ: 'g', ɩ: 'i', ɪ: 'i', ʟ: 'l', ø: 'o', đ: 'd', ħ: 'h', ŀ: 'l', ƚ: 'l',
  ſ: 's', ɴ: 'n', ʀ: 'r', ᴄ: 'c', ᴏ: 'o', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ꞵ: 'b',
  // Digits and symbols that pass for letters
  ǀ: 'l', '∣': 'l', '℮': 'e',
};

/**
 * Characters that read as a name delimiter (`-` `_` `.`) but are not ASCII, and invisible ones
 * (zero-width spaces and joiners, soft hyphens, odd spaces), which separate nothing visible.
 */
const DELIMITER_LIKE = /[\u2010-\u2015\u2212\u2024\u2027\uff0d\uff0e\uff3f\u30fb\u00b7\p{Cf}\p{Zs}]/u;

/** What a non-ASCII character imitates: an ASCII string, `-` for a delimiter, or undefined. */
export function confusableOf(char: string): string | undefined {
  const direct = TABLE[char];
  if (direct) return direct;
  if (DELIMITER_LIKE.test(char)) return '-';
  // NFKD splits accents off (é → e + ◌́) and maps compatibility forms (ａ → a, ﬁ → fi).
  const decomposed = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (decomposed !== char && /^[\x21-\x7e]+$/.test(decomposed)) return decomposed.toLowerCase();
  return undefined;
}

/** The script of a non-ASCII character, in words for messages. */
export function scriptOf(char: string): string {
  if (/\p{Script=Cyrillic}/u.test(char)) return 'Cyrillic';
  if (/\p{Script=Greek}/u.test(char)) return 'Greek';
  if (/\p{Script=Armenian}/u.test(char)) return 'Armenian';
  if (/[\uff01-\uff5e]/u.test(char)) return 'fullwidth';
  if (/[\p{Cf}\p{Zs}\p{Cc}]/u.test(char)) return 'invisible';
  if (/\p{Script=Latin}/u.test(char)) return char.normalize('NFD') !== char ? 'accented Latin' : 'non-ASCII Latin';
  if (/\p{Pd}/u.test(char)) return 'dash';
  return 'non-ASCII';
}

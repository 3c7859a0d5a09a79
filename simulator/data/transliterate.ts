/**
 * Cyrillic to Latin for e-mail addresses, after the passport rules (ICAO Doc 9303 as used by
 * Russian passports since 2014): ж→zh, х→kh, ц→ts, щ→shch, ъ→ie, soft sign dropped.
 */
const TABLE: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Lower-case Latin letters, digits and dashes only: safe as the local part or a domain label. */
// Indexed by char code from 'а' (U+0430) to 'ё' (U+0451): an object keyed by Cyrillic letters was slow.
const FIRST_CODE = 0x430;
const BY_CODE: readonly (string | undefined)[] = Array.from(
  { length: 0x22 },
  (_, n) => TABLE[String.fromCharCode(FIRST_CODE + n)],
);

export function transliterate(text: string): string {
  let out = '';
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const latin = BY_CODE[code - FIRST_CODE];
    if (latin !== undefined) out += latin;
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45) out += lower.charAt(i);
  }
  return out;
}

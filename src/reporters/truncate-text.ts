const ELLIPSIS = "…";

/**
 * Shortens text to at most `maxLength` UTF-16 code units, ending with an
 * ellipsis, without splitting a surrogate pair.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < ELLIPSIS.length) return "";

  let end = maxLength - ELLIPSIS.length;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end) + ELLIPSIS;
}

/** Shortens text to at most `maxBytes` bytes of UTF-8, ending with an ellipsis. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;

  // A UTF-16 code unit takes one to three bytes in UTF-8, so the longest
  // fitting length lies between these bounds; search it by bisection.
  let fits = Math.floor(maxBytes / 3);
  let tooLong = Math.min(text.length, maxBytes + 1);
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    const candidate = truncateText(text, middle);
    if (Buffer.byteLength(candidate, "utf8") <= maxBytes) fits = middle;
    else tooLong = middle;
  }
  return truncateText(text, fits);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

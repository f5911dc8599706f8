/**
 * What Go's `time.Parse(time.RFC3339, s)` accepts, which is what `metav1.Time.UnmarshalJSON`
 * decodes a JSON string with (`creationTimestamp`, `deletionTimestamp`, `managedFields[].time`).
 * Go first tries a fast RFC 3339 parser (`parseRFC3339`) and, when it fails, the general layout
 * parser with the layout `2006-01-02T15:04:05Z07:00`, which is more lenient: a one-digit hour, a
 * `,` before the fractional seconds, a zone offset of up to 24:60. Both are modelled here.
 */
export function isGoRfc3339(s: string): boolean {
  // Every position is matched against an ASCII digit or separator and the whole string must be
  // consumed, so any non-ASCII character fails both parsers.
  if (/[^\x00-\x7f]/.test(s)) return false;
  return parseRfc3339Fast(s) || parseRfc3339Layout(s);
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Go's `daysIn(month, year)`. */
function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

function isDigit(s: string, i: number): boolean {
  return i < s.length && s[i] >= '0' && s[i] <= '9';
}

/** Go's `parseRFC3339` (time/format_rfc3339.go). */
function parseRfc3339Fast(input: string): boolean {
  let ok = true;
  const parseUint = (part: string, min: number, max: number): number => {
    if (!/^[0-9]*$/.test(part)) {
      ok = false;
      return min;
    }
    const x = part.length === 0 ? 0 : Number(part);
    if (x < min || max < x) {
      ok = false;
      return min;
    }
    return x;
  };
  if (input.length < '2006-01-02T15:04:05'.length) return false;
  const year = parseUint(input.slice(0, 4), 0, 9999);
  const month = parseUint(input.slice(5, 7), 1, 12);
  parseUint(input.slice(8, 10), 1, daysIn(month, year));
  parseUint(input.slice(11, 13), 0, 23);
  parseUint(input.slice(14, 16), 0, 59);
  parseUint(input.slice(17, 19), 0, 59);
  if (!ok || !(input[4] === '-' && input[7] === '-' && input[10] === 'T' && input[13] === ':' && input[16] === ':')) return false;
  let s = input.slice(19);
  if (s.length >= 2 && s[0] === '.' && isDigit(s, 1)) {
    let n = 2;
    while (n < s.length && isDigit(s, n)) n++;
    s = s.slice(n);
  }
  if (s === 'Z') return true;
  if (s.length !== '-07:00'.length) return false;
  parseUint(s.slice(1, 3), 0, 23);
  parseUint(s.slice(4, 6), 0, 59);
  return ok && (s[0] === '-' || s[0] === '+') && s[3] === ':';
}

/** Go's `getnum(s, fixed)`: one or two digits (two when `fixed`); undefined when it fails. */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** Go's general `time.Parse` with the layout `2006-01-02T15:04:05Z07:00` (time/format.go). */
function parseRfc3339Layout(input: string): boolean {
  let s = input;
  const literal = (c: string): boolean => {
    if (!s.startsWith(c)) return false;
    s = s.slice(c.length);
    return true;
  };
  // 2006: four characters, the first a digit, all of them an integer (atoi).
  if (s.length < 4 || !isDigit(s, 0) || !/^[0-9]{4}$/.test(s.slice(0, 4))) return false;
  const year = Number(s.slice(0, 4));
  s = s.slice(4);
  if (!literal('-')) return false;
  const month = getnum(s, true);
  if (month === undefined || month[0] < 1 || month[0] > 12) return false;
  s = month[1];
  if (!literal('-')) return false;
  const day = getnum(s, true);
  if (day === undefined) return false;
  s = day[1];
  if (!literal('T')) return false;
  const hour = getnum(s, false);
  if (hour === undefined || hour[0] >= 24) return false;
  s = hour[1];
  if (!literal(':')) return false;
  const min = getnum(s, true);
  if (min === undefined || min[0] >= 60) return false;
  s = min[1];
  if (!literal(':')) return false;
  const sec = getnum(s, true);
  if (sec === undefined || sec[0] >= 60) return false;
  s = sec[1];
  // A fractional second that the layout does not have: `.` or `,` and digits.
  if (s.length >= 2 && (s[0] === '.' || s[0] === ',') && isDigit(s, 1)) {
    let n = 2;
    while (n < s.length && isDigit(s, n)) n++;
    s = s.slice(n);
  }
  // Z07:00
  if (s.startsWith('Z')) {
    s = s.slice(1);
  } else {
    if (s.length < 6 || s[3] !== ':') return false;
    const hr = getnum(s.slice(1, 3), true);
    const mm = getnum(s.slice(4, 6), true);
    if (hr === undefined || mm === undefined || hr[0] > 24 || mm[0] > 60) return false;
    if (s[0] !== '+' && s[0] !== '-') return false;
    s = s.slice(6);
  }
  if (s.length > 0) return false; // extra text
  return day[0] >= 1 && day[0] <= daysIn(month[0], year);
}

/**
 * The Vietnamese lunar calendar (âm lịch), computed: Hồ Ngọc Đức's method ("Computing the Vietnamese
 * lunar calendar", https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html), which takes the
 * new moons and the sun's longitude from Jean Meeus, "Astronomical Algorithms" (1998), at the meridian
 * of UTC+7 (the calendar Vietnam has used since 1968). A month starts on the local day of a new moon;
 * the 11th month holds the winter solstice; a year of 13 months repeats the first month that holds no
 * major solar term. Written here from the published description; good for 1900–2100, the years that
 * the holidays need.
 */

const VIETNAM_MERIDIAN_HOURS = 7;
const RADIAN = Math.PI / 180;
const SYNODIC_MONTH = 29.530588853;
/** The Julian day of the new moon of 1 January 1900, which the new moons are counted from. */
const NEW_MOON_EPOCH = 2415021.076998695;

/** The Julian day number of a Gregorian date. */
export function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** The Gregorian date (YYYY-MM-DD) of a Julian day number. */
export function dateOfJulianDay(jd: number): string {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local day (Julian day number) of the k-th new moon after 1 January 1900 (Meeus, ch. 49, abridged). */
function newMoonDay(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RADIAN);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const s = (degrees: number) => Math.sin(degrees * RADIAN);
  const correction =
    (0.1734 - 0.000393 * t) * s(sunAnomaly) +
    0.0021 * s(2 * sunAnomaly) -
    0.4068 * s(moonAnomaly) +
    0.0161 * s(2 * moonAnomaly) -
    0.0004 * s(3 * moonAnomaly) +
    0.0104 * s(2 * latitude) -
    0.0051 * s(sunAnomaly + moonAnomaly) -
    0.0074 * s(sunAnomaly - moonAnomaly) +
    0.0004 * s(2 * latitude + sunAnomaly) -
    0.0004 * s(2 * latitude - sunAnomaly) -
    0.0006 * s(2 * latitude + moonAnomaly) +
    0.001 * s(2 * latitude - moonAnomaly) +
    0.0005 * s(2 * moonAnomaly + sunAnomaly);
  // Terrestrial time to universal time.
  const deltaT = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return Math.floor(jd + correction - deltaT + 0.5 + VIETNAM_MERIDIAN_HOURS / 24);
}

/** Which of the twelve 30° arcs the sun's longitude is in at the start of a local day (0: from the vernal equinox). */
function sunArc(jdn: number): number {
  const t = (jdn - 2451545.5 - VIETNAM_MERIDIAN_HOURS / 24) / 36525;
  const t2 = t * t;
  const anomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly * RADIAN) + (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly * RADIAN) + 0.00029 * Math.sin(3 * anomaly * RADIAN);
  let longitude = (meanLongitude + center) * RADIAN;
  longitude -= 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
  return Math.floor((longitude / Math.PI) * 6);
}

/** The first day of the 11th lunar month (the one holding the winter solstice) of the solar year `year`. */
function month11Start(year: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  return sunArc(start) >= 9 ? newMoonDay(k - 1) : start;
}

/** In a 13-month year starting at the 11th month `a11`: how many months after it the leap month falls. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunArc(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunArc(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/**
 * The solar date (YYYY-MM-DD) of a lunar date: `day` of lunar `month` in the lunar year that starts in
 * solar year `year` (Tết of 2026 is `lunarToSolar(2026, 1, 1)`). A leap month is asked for with
 * `leap: true`; `undefined` when that year has no such leap month.
 */
export function lunarToSolar(year: number, month: number, day: number, leap = false): string | undefined {
  const [a11, b11] = month < 11 ? [month11Start(year - 1), month11Start(year)] : [month11Start(year), month11Start(year + 1)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return undefined;
  }
  return dateOfJulianDay(newMoonDay(k + offset) + day - 1);
}

/** Tết Nguyên đán: the first day of the lunar year that starts in solar year `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(year, 1, 1)!;
}
